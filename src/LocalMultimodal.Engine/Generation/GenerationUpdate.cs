namespace LocalMultimodal.Generation;

/// <summary>
/// One piece of a streamed answer. Pieces are whole UTF-8 characters. The last update of a stream
/// carries <see cref="FinishReason"/> and <see cref="Usage"/>, and may have empty text.
/// </summary>
/// <param name="Text">The new text.</param>
/// <param name="TokenIds">The tokens that produced it (a character split across tokens arrives with its last token).</param>
/// <param name="FinishReason">Set on the last update only.</param>
/// <param name="Usage">Set on the last update only.</param>
/// <param name="Timings">Set on the last update only.</param>
public sealed record GenerationUpdate(
    string Text,
    IReadOnlyList<int> TokenIds,
    FinishReason? FinishReason = null,
    TokenUsage? Usage = null,
    GenerationTimings? Timings = null)
{
    /// <summary>
    /// Tool calls completed with this update (a call arrives whole once it closes); null when none. Only a chat with
    /// tools (<see cref="Prompts.ChatTemplateOptions.Tools"/>) has them.
    /// </summary>
    public IReadOnlyList<Prompts.ChatToolCall>? ToolCalls { get; init; }
}
