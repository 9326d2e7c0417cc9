using LLama.Native;
using LocalMultimodal.Media;

namespace LocalMultimodal.Scheduling;

/// <summary>
/// One step of a tokenized prompt: text tokens, or one media chunk. <see cref="Cells"/> is the rows it
/// decodes (one KV cell each); <see cref="Positions"/> how far it moves the next position. The two differ
/// for an M-RoPE image, whose rows share positions laid out on their grid.
/// </summary>
internal abstract record PlanStep
{
    public abstract int Positions { get; }

    public abstract int Cells { get; }
}

/// <summary>Text tokens (prompt text, or the text libmtmd wraps around a media item).</summary>
internal sealed record TokenStep(LLamaToken[] Tokens) : PlanStep
{
    public override int Positions => Tokens.Length;

    public override int Cells => Tokens.Length;
}

/// <summary>
/// A media chunk's projector output: <see cref="Tokens"/> rows of the model's embedding width, positioned as
/// <see cref="Layout"/> says. <see cref="Key"/> names the chunk by its item's content and its index, for the caches.
/// </summary>
internal sealed record EmbeddingStep(MediaChunkKey Key, float[] Embeddings, int Tokens, MediaModality Modality, bool NonCausal, ChunkPositions Layout) : PlanStep
{
    public override int Positions => Layout.Count;

    public override int Cells => Tokens;
}

/// <summary>A chunk of a uuid-only item whose encoding is not cached: only reused KV can supply it.</summary>
internal sealed record UnresolvedMediaStep(string Uuid, MediaChunkKey Key, int Tokens, MediaModality Modality, ChunkPositions Layout) : PlanStep
{
    public override int Positions => Layout.Count;

    public override int Cells => Tokens;
}
