namespace LocalMultimodal.Server.Protocol;

/// <summary>
/// One tool call of an answer, in OpenAI's shape: <c>{"id", "type": "function", "function": {"name", "arguments"}}</c>,
/// with the arguments as a JSON string; in a chunk's delta also its <c>index</c> among the answer's calls.
/// </summary>
internal sealed class ResponseToolCall
{
    public int? Index { get; init; }

    public required string Id { get; init; }

    public string Type => "function";

    public required ResponseFunctionCall Function { get; init; }

    public static ResponseToolCall From(Prompts.ChatToolCall call, int? index) => new()
    {
        Index = index,
        Id = call.Id,
        Function = new ResponseFunctionCall { Name = call.Name, Arguments = call.Arguments.ToJsonString() },
    };
}
