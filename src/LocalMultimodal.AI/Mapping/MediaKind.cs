using LocalMultimodal.Media;

namespace LocalMultimodal.AI.Mapping;

/// <summary>The modality a media type names, by its top-level type.</summary>
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
}
