namespace LocalMultimodal.Models;

/// <summary>The hyperparameters of a written <c>llama</c> LLM: the demo model's, the tiny fixture's and the bench-size one's.</summary>
/// <param name="EmbeddingLength">n_embd.</param>
/// <param name="BlockCount">Transformer blocks.</param>
/// <param name="HeadCount">Attention heads, also the KV heads; head_dim = n_embd / heads.</param>
/// <param name="FeedForwardLength">n_ff.</param>
/// <param name="ContextLength">n_ctx_train.</param>
/// <param name="RmsEpsilon">The eps of every RMSNorm.</param>
/// <param name="RopeSections">
/// Null for a <c>llama</c> LLM; for a <c>qwen2vl</c> LLM (M-RoPE) the rotary pairs given to each position axis
/// (t, y, x, unused), written as <c>qwen2vl.rope.dimension_sections</c>; they sum to at most head_dim / 2.
/// </param>
internal sealed record LlmShape(int EmbeddingLength, int BlockCount, int HeadCount, int FeedForwardLength, int ContextLength, float RmsEpsilon, int[]? RopeSections = null)
{
    public int HeadDim => EmbeddingLength / HeadCount;

    /// <summary><c>general.architecture</c>: <c>qwen2vl</c> with rope sections, else <c>llama</c>.</summary>
    public string Architecture => RopeSections is null ? "llama" : "qwen2vl";

    /// <summary>This shape as a <c>qwen2vl</c> LLM: head_dim / 2 rotary pairs split over t, y, x as Qwen2-VL does (2:3:3).</summary>
    public LlmShape WithMRope()
    {
        int pairs = HeadDim / 2;
        int time = pairs / 4;
        int y = (pairs - time) / 2;
        return this with { RopeSections = [time, y, pairs - time - y, 0] };
    }
}
