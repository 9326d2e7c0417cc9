namespace LocalMultimodal.Server.Protocol;

/// <summary>The assistant's message in a whole answer, or the delta of a chunk (where both fields may be absent).</summary>
internal sealed class ResponseMessage
{
    public string? Role { get; init; }

    public string? Content { get; init; }

    /// <summary>The answer's tool calls (whole answers), or the calls completed in this chunk (with their index).</summary>
    public List<ResponseToolCall>? ToolCalls { get; init; }
}
