namespace LocalMultimodal.Media;

/// <summary>
/// Precomputed media embeddings (vLLM's <c>image_embeds</c> / <c>audio_embeds</c>): the projector's output for
/// one item, of shape (tokens, hidden), decoded in place of running the encoder. Accepted only when
/// <see cref="EngineOptions.EnableMediaEmbeddings"/> is on; every tensor is checked against the model first.
/// An image for the Qwen-VL family (M-RoPE) also needs its <see cref="Grid"/>, which sets the rows' positions.
/// </summary>
public sealed class EmbeddingInput : MediaInput
{
    private EmbeddingInput(MediaModality modality, EmbeddingTensor? embeddings, IReadOnlyDictionary<string, EmbeddingTensor> extras, string? uuid, PatchGrid? grid = null)
        : base(uuid)
    {
        if (modality == MediaModality.Video)
        {
            throw new ArgumentException("Embeddings are for images or audio.", nameof(modality));
        }

        Modality = modality;
        Embeddings = embeddings;
        Extras = extras;
        Grid = grid;
    }

    /// <inheritdoc />
    public override MediaModality Modality { get; }

    /// <inheritdoc />
    public override bool IsReferenceOnly => Embeddings is null;

    /// <summary>The embeddings, shape (tokens, hidden); a model whose item spans several chunks takes (chunks, tokens, hidden).</summary>
    public EmbeddingTensor? Embeddings { get; }

    /// <summary>Named extra tensors a model needs beside the embeddings (for example an image grid).</summary>
    public IReadOnlyDictionary<string, EmbeddingTensor> Extras { get; }

    /// <summary>
    /// The image's patch grid (vLLM's <c>image_grid_thw</c>), which a Qwen-VL projector needs to position the rows; null
    /// when not given. An <c>image_grid_thw</c> tensor of shape (3) or (1, 3) in <see cref="Extras"/> serves as well.
    /// </summary>
    public PatchGrid? Grid { get; }

    /// <summary>These image embeddings with their patch grid (t, h, w before the spatial merge); checked when prepared.</summary>
    public EmbeddingInput WithGrid(int temporal, int height, int width) => new(Modality, Embeddings, Extras, Uuid, new PatchGrid(temporal, height, width));

    /// <summary>Precomputed embeddings of an image.</summary>
    public static EmbeddingInput ForImage(EmbeddingTensor embeddings, string? uuid = null, IReadOnlyDictionary<string, EmbeddingTensor>? extras = null) =>
        new(MediaModality.Image, embeddings ?? throw new ArgumentNullException(nameof(embeddings)), extras ?? new Dictionary<string, EmbeddingTensor>(), uuid);

    /// <summary>Precomputed embeddings of an audio clip.</summary>
    public static EmbeddingInput ForAudio(EmbeddingTensor embeddings, string? uuid = null, IReadOnlyDictionary<string, EmbeddingTensor>? extras = null) =>
        new(MediaModality.Audio, embeddings ?? throw new ArgumentNullException(nameof(embeddings)), extras ?? new Dictionary<string, EmbeddingTensor>(), uuid);
}
