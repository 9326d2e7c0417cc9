using System.Text.Json.Nodes;

namespace LocalMultimodal.Tools;

/// <summary>
/// The fallback for templates that do not take tools (llama.cpp's generic handler): the tools are described in the
/// system turn, and the whole answer is one JSON object, <c>{"tool_call": {"name", "arguments"}}</c>,
/// <c>{"tool_calls": [...]}</c> or <c>{"response": "text"}</c>, constrained by a grammar from the first token.
/// </summary>
internal sealed class GenericToolCallFormat : ToolCallFormat
{
    public static GenericToolCallFormat Instance { get; } = new();

    public override string Name => "generic";

    public override IReadOnlyList<string> Triggers { get; } = [string.Empty];

    public override bool WholeAnswer => true;

    public override IReadOnlyList<ToolCallSegment>? TryParse(string region)
    {
        if (ToolCallJson.TryParse(region.Trim()) is not JsonObject answer)
        {
            return null;
        }

        if (answer["response"] is JsonValue response && response.GetValueKind() == System.Text.Json.JsonValueKind.String)
        {
            return [ToolCallSegment.FromText(response.GetValue<string>())];
        }

        JsonNode?[] calls = answer["tool_calls"] is JsonArray array ? [.. array] : answer["tool_call"] is { } one ? [one] : [];
        return calls.Length == 0 ? null : ToolCallJson.TryReadCalls(calls, "arguments", ToolCallJson.NewCallId);
    }

    public override JsonObject CallSchema(ChatTool tool) =>
        ObjectSchema(("name", Const(tool.Name)), ("arguments", tool.Parameters.DeepClone()));

    public override string WrapGrammar(string callRule, bool parallel, bool allowText)
    {
        string calls = parallel
            ? $"\"{{\" tc-ws \"\\\"tool_calls\\\"\" tc-ws \":\" tc-ws \"[\" tc-ws {callRule} (tc-ws \",\" tc-ws {callRule})* tc-ws \"]\" tc-ws \"}}\""
            : $"\"{{\" tc-ws \"\\\"tool_call\\\"\" tc-ws \":\" tc-ws {callRule} tc-ws \"}}\"";
        string text = "\"{\" tc-ws \"\\\"response\\\"\" tc-ws \":\" tc-ws tc-string tc-ws \"}\"";
        return $"""
            root ::= {(allowText ? $"{calls} | {text}" : calls)}
            tc-ws ::= | " " | "\n"
            tc-string ::= "\"" ( [^"\\\x7F\x00-\x1F] | "\\" ( ["\\/bfnrt] | "u" [0-9a-fA-F] [0-9a-fA-F] [0-9a-fA-F] [0-9a-fA-F] ) )* "\""

            """;
    }

    /// <summary>The system text that describes the tools and the answer format (what llama.cpp's generic handler adds).</summary>
    public static string SystemPrompt(IReadOnlyList<ChatTool> tools, bool allowText, bool parallel)
    {
        var list = new JsonArray([.. tools.Select(t => (JsonNode)t.ToJson()["function"]!.DeepClone())]);
        string shape = parallel
            ? "{\"tool_calls\": [{\"name\": <function-name>, \"arguments\": <args-json-object>}, ...]}"
            : "{\"tool_call\": {\"name\": <function-name>, \"arguments\": <args-json-object>}}";
        return "You can call these functions:\n" + list.ToJsonString() + "\n\n" +
            (allowText
                ? $"Respond in JSON format, either with a tool call, {shape}, or with a reply to the user's request, {{\"response\": \"<your reply>\"}}."
                : $"Respond in JSON format with a tool call: {shape}.");
    }
}
