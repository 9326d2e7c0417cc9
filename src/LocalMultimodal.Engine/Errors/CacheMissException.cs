namespace LocalMultimodal.Errors;

/// <summary>A media item was sent by uuid only, and no cache holds it.</summary>
public sealed class CacheMissException : InvalidRequestException
{
    /// <summary>Creates the exception.</summary>
    public CacheMissException(string uuid)
        : base($"Media with uuid '{uuid}' was sent without data, and no cache holds it. Send the media itself.", "media_cache_miss")
        => Uuid = uuid;

    /// <summary>The uuid that missed.</summary>
    public string Uuid { get; }
}
