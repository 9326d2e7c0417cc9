using LocalMultimodal.Prompts;

namespace LocalMultimodal.Tools;

/// <summary>A piece of a parsed answer: text, or one complete tool call.</summary>
internal readonly record struct ToolCallSegment(string? Text, ChatToolCall? Call)
{
    public static ToolCallSegment FromText(string text) => new(text, null);

    public static ToolCallSegment FromCall(ChatToolCall call) => new(null, call);
}
