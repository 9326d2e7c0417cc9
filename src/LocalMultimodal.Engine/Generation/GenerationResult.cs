namespace LocalMultimodal.Generation;

/// <summary>A whole answer.</summary>
/// <param name="Text">The generated text.</param>
/// <param name="TokenIds">The generated tokens.</param>
/// <param name="FinishReason">Why generation ended.</param>
/// <param name="Usage">Token counts.</param>
/// <param name="Timings">Where the time went.</param>
public sealed record GenerationResult(string Text, IReadOnlyList<int> TokenIds, FinishReason FinishReason, TokenUsage Usage, GenerationTimings Timings)
{
    /// <summary>The tool calls of the answer, in order; empty when none.</summary>
    public IReadOnlyList<Prompts.ChatToolCall> ToolCalls { get; init; } = [];
}
