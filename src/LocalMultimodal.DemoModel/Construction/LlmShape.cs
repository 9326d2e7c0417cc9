namespace LocalMultimodal.Models;

/// <summary>The hyperparameters of a written <c>llama</c> LLM: the demo model's, the tiny fixture's and the bench-size one's.</summary>
/// <param name="EmbeddingLength">n_embd.</param>
/// <param name="BlockCount">Transformer blocks.</param>
/// <param name="HeadCount">Attention heads, also the KV heads; head_dim = n_embd / heads.</param>
/// <param name="FeedForwardLength">n_ff.</param>
/// <param name="ContextLength">n_ctx_train.</param>
/// <param name="RmsEpsilon">The eps of every RMSNorm.</param>
internal sealed record LlmShape(int EmbeddingLength, int BlockCount, int HeadCount, int FeedForwardLength, int ContextLength, float RmsEpsilon)
{
    public int HeadDim => EmbeddingLength / HeadCount;
}
