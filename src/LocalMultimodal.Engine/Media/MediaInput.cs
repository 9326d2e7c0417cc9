namespace LocalMultimodal.Media;

/// <summary>
/// One media item of a prompt. Build one with the factory methods of <see cref="ImageInput"/> or
/// <see cref="AudioInput"/>. A <see cref="Uuid"/> names the item for the caches; without one, the
/// engine keys it by a hash of its decoded content.
/// </summary>
public abstract class MediaInput
{
    private protected MediaInput(string? uuid) => Uuid = MediaRules.CheckUuid(uuid);

    /// <summary>The item's kind.</summary>
    public abstract MediaModality Modality { get; }

    /// <summary>A caller-chosen identifier for caching (see <see cref="MediaRules.UuidRequirement"/>), or null to key the item by its content.</summary>
    public string? Uuid { get; }

    /// <summary>True when the item carries no data, only a <see cref="Uuid"/> that must hit a cache.</summary>
    public abstract bool IsReferenceOnly { get; }
}
