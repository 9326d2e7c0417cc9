namespace LocalMultimodal.Models;

/// <summary>The hyperparameters of a generated <c>llama</c> LLM that vary between models (n_embd is always 64).</summary>
/// <param name="BlockCount">Transformer blocks.</param>
/// <param name="HeadCount">Attention heads, also the KV heads; head_dim = 64 / heads.</param>
/// <param name="FeedForwardLength">n_ff.</param>
/// <param name="ContextLength">n_ctx_train.</param>
/// <param name="RmsEpsilon">The eps of every RMSNorm.</param>
internal sealed record LlmShape(int BlockCount, int HeadCount, int FeedForwardLength, int ContextLength, float RmsEpsilon)
{
    public int HeadDim => TinyLlm.EmbeddingLength / HeadCount;
}
