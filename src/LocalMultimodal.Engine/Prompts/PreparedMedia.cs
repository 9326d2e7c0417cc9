using LocalMultimodal.Media;

namespace LocalMultimodal.Prompts;

/// <summary>
/// A media item decoded and ready for the projector: RGB pixels or mono samples at the projector's rate,
/// or nothing at all for a reference-only item that must come from a cache.
/// </summary>
internal sealed class PreparedMedia
{
    public required MediaModality Modality { get; init; }

    /// <summary>The caller's uuid, or null.</summary>
    public string? Uuid { get; init; }

    public PreparedImage? Image { get; init; }

    public float[]? Audio { get; init; }

    /// <summary>A hash of the prepared content (pixels and size, or samples and rate): the cache key when data is present.</summary>
    public string? ContentKey { get; init; }

    public bool IsReferenceOnly => Image is null && Audio is null;
}
