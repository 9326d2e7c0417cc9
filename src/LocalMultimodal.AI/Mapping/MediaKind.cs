using LocalMultimodal.Media;

namespace LocalMultimodal.AI.Mapping;

/// <summary>What a media type says: the modality its top-level type names, and the format its subtype names.</summary>
internal static class MediaKind
{
    public static MediaModality? FromMediaType(string? mediaType)
    {
        int slash = mediaType?.IndexOf('/') ?? -1;
        if (slash <= 0)
        {
            return null;
        }

        return mediaType.AsSpan(0, slash) switch
        {
            var top when top.Equals("image", StringComparison.OrdinalIgnoreCase) => MediaModality.Image,
            var top when top.Equals("audio", StringComparison.OrdinalIgnoreCase) => MediaModality.Audio,
            var top when top.Equals("video", StringComparison.OrdinalIgnoreCase) => MediaModality.Video,
            _ => null,
        };
    }

    /// <summary>The subtype without parameters: <c>mpeg</c> for <c>audio/mpeg</c>, <c>ogg</c> for <c>audio/ogg; codecs=opus</c>.</summary>
    public static string? SubtypeOf(string? mediaType)
    {
        int slash = mediaType?.IndexOf('/') ?? -1;
        if (slash <= 0)
        {
            return null;
        }

        string subtype = mediaType![(slash + 1)..].Split(';')[0].Trim();
        return subtype.Length == 0 ? null : subtype;
    }
}
