namespace LocalMultimodal.Models;

/// <summary>The bench-size <c>llama</c> LLM's hyperparameters.</summary>
/// <param name="EmbeddingLength">n_embd.</param>
/// <param name="BlockCount">Transformer blocks.</param>
/// <param name="HeadCount">Attention heads (also the KV heads).</param>
/// <param name="FeedForwardLength">n_ff.</param>
/// <param name="WeightStd">Standard deviation of the Gaussian matrices (norms are 1).</param>
public sealed record BenchLlmShape(int EmbeddingLength, int BlockCount, int HeadCount, int FeedForwardLength, float WeightStd)
{
    public const int ContextLength = 4096;

    public int HeadDim => EmbeddingLength / HeadCount;

    /// <summary>Parameters of the whole model for a vocabulary of <paramref name="vocabulary"/> tokens.</summary>
    public long Parameters(int vocabulary)
    {
        long e = EmbeddingLength;
        long block = 4 * e * e + 3 * e * FeedForwardLength + 2 * e;
        return 2 * e * vocabulary + BlockCount * block + e;
    }
}
