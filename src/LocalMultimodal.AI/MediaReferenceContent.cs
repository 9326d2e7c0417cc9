using System.Diagnostics;
using LocalMultimodal.Media;
using Microsoft.Extensions.AI;

namespace LocalMultimodal.AI;

/// <summary>
/// A media item sent by uuid only, without its data: the engine must find it in a cache from an earlier request,
/// or the request fails with <see cref="Errors.CacheMissException"/> naming the uuid.
/// </summary>
[DebuggerDisplay("{Modality}: {Uuid}")]
public sealed class MediaReferenceContent : AIContent
{
    /// <summary>Creates a reference.</summary>
    /// <param name="uuid">The uuid the media was first sent with.</param>
    /// <param name="modality">The media's kind, as it was first sent (precomputed embeddings count as the image or audio they stand for).</param>
    public MediaReferenceContent(string uuid, MediaModality modality)
    {
        ArgumentException.ThrowIfNullOrEmpty(uuid);
        Uuid = uuid;
        Modality = modality;
    }

    /// <summary>The uuid the media was first sent with.</summary>
    public string Uuid { get; }

    /// <summary>The media's kind.</summary>
    public MediaModality Modality { get; }

    /// <summary>A reference to an image sent earlier.</summary>
    public static MediaReferenceContent Image(string uuid) => new(uuid, MediaModality.Image);

    /// <summary>A reference to an audio clip sent earlier.</summary>
    public static MediaReferenceContent Audio(string uuid) => new(uuid, MediaModality.Audio);

    /// <summary>A reference to a video sent earlier.</summary>
    public static MediaReferenceContent Video(string uuid) => new(uuid, MediaModality.Video);
}
