using LocalMultimodal.Media;

namespace LocalMultimodal.Prompts;

/// <summary>
/// A media item decoded and ready for the projector: one image, a video's sampled frames, an audio clip
/// (several when long audio was split), or precomputed embeddings; or nothing at all for a
/// reference-only item that must come from a cache.
/// </summary>
internal sealed class PreparedMedia
{
    public required MediaModality Modality { get; init; }

    /// <summary>The caller's uuid, or null.</summary>
    public string? Uuid { get; init; }

    /// <summary>
    /// What else besides the uuid sets this item's encoding (an image's pixel budget on a dynamic-resolution
    /// projector), or null: the uuid index keys by both, so one budget's encoding never answers another's.
    /// </summary>
    public string? UuidVariant { get; init; }

    /// <summary>The image, or the video's frames in order.</summary>
    public IReadOnlyList<PreparedImage> Images { get; init; } = [];

    /// <summary>Mono clips at the projector's rate, in order.</summary>
    public IReadOnlyList<float[]> AudioClips { get; init; } = [];

    /// <summary>Precomputed projector output, shape (tokens, hidden) or (chunks, tokens, hidden).</summary>
    public EmbeddingTensor? Embeddings { get; init; }

    /// <summary>The precomputed image's patch grid (<c>image_grid_thw</c>), or null.</summary>
    public PatchGrid? Grid { get; init; }

    /// <summary>A hash of the prepared content: the cache key. Null for a reference-only item.</summary>
    public string? ContentKey { get; init; }

    public bool IsReferenceOnly => ContentKey is null;
}
