namespace LocalMultimodal.Testing.Conformance;

/// <summary>
/// An answer to a chat with tools: its text, its calls, and whether the surface reported its own "tool calls" finish
/// reason (<c>finish_reason: "tool_calls"</c>, <c>ChatFinishReason.ToolCalls</c>, <c>FinishReason.ToolCalls</c>).
/// </summary>
public sealed record SurfaceToolAnswer(string Text, IReadOnlyList<SurfaceToolCall> Calls, bool FinishedWithToolCalls);
