namespace LocalMultimodal.Media;

/// <summary>
/// Precomputed media embeddings (vLLM's <c>image_embeds</c> / <c>audio_embeds</c>): the projector's output for
/// one item, of shape (tokens, hidden), decoded in place of running the encoder. Accepted only when
/// <see cref="EngineOptions.EnableMediaEmbeddings"/> is on; every tensor is checked against the model first.
/// </summary>
public sealed class EmbeddingInput : MediaInput
{
    private EmbeddingInput(MediaModality modality, EmbeddingTensor? embeddings, IReadOnlyDictionary<string, EmbeddingTensor> extras, string? uuid)
        : base(uuid)
    {
        if (modality == MediaModality.Video)
        {
            throw new ArgumentException("Embeddings are for images or audio.", nameof(modality));
        }

        Modality = modality;
        Embeddings = embeddings;
        Extras = extras;
    }

    /// <inheritdoc />
    public override MediaModality Modality { get; }

    /// <inheritdoc />
    public override bool IsReferenceOnly => Embeddings is null;

    /// <summary>The embeddings, shape (tokens, hidden); a model whose item spans several chunks takes (chunks, tokens, hidden).</summary>
    public EmbeddingTensor? Embeddings { get; }

    /// <summary>Named extra tensors a model needs beside the embeddings (for example an image grid).</summary>
    public IReadOnlyDictionary<string, EmbeddingTensor> Extras { get; }

    /// <summary>Precomputed embeddings of an image.</summary>
    public static EmbeddingInput ForImage(EmbeddingTensor embeddings, string? uuid = null, IReadOnlyDictionary<string, EmbeddingTensor>? extras = null) =>
        new(MediaModality.Image, embeddings ?? throw new ArgumentNullException(nameof(embeddings)), extras ?? new Dictionary<string, EmbeddingTensor>(), uuid);

    /// <summary>Precomputed embeddings of an audio clip.</summary>
    public static EmbeddingInput ForAudio(EmbeddingTensor embeddings, string? uuid = null, IReadOnlyDictionary<string, EmbeddingTensor>? extras = null) =>
        new(MediaModality.Audio, embeddings ?? throw new ArgumentNullException(nameof(embeddings)), extras ?? new Dictionary<string, EmbeddingTensor>(), uuid);
}
