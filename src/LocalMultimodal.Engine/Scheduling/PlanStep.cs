using LLama.Native;
using LocalMultimodal.Media;

namespace LocalMultimodal.Scheduling;

/// <summary>One step of a tokenized prompt: text tokens, or one media chunk's projector output.</summary>
internal abstract record PlanStep
{
    public abstract int Positions { get; }
}

/// <summary>Text tokens (prompt text, or the text libmtmd wraps around a media item).</summary>
internal sealed record TokenStep(LLamaToken[] Tokens) : PlanStep
{
    public override int Positions => Tokens.Length;
}

/// <summary>A media chunk's embeddings: <see cref="Tokens"/> rows of the model's embedding width.</summary>
internal sealed record EmbeddingStep(float[] Embeddings, int Tokens, MediaModality Modality, bool NonCausal) : PlanStep
{
    public override int Positions => Tokens;
}
