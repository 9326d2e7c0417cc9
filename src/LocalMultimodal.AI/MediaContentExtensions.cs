using LocalMultimodal.AI.Mapping;
using Microsoft.Extensions.AI;

namespace LocalMultimodal.AI;

/// <summary>Typed access to the media uuid stored under <see cref="LocalMultimodalPropertyNames.Uuid"/>.</summary>
public static class MediaContentExtensions
{
    /// <summary>Sets the uuid the engine caches this media item under, and returns the content for chaining.</summary>
    public static TContent WithMediaUuid<TContent>(this TContent content, string uuid)
        where TContent : AIContent
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrEmpty(uuid);
        (content.AdditionalProperties ??= [])[LocalMultimodalPropertyNames.Uuid] = uuid;
        return content;
    }

    /// <summary>The uuid set on this content, or null.</summary>
    public static string? GetMediaUuid(this AIContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return MediaUuid.Read(content);
    }
}
