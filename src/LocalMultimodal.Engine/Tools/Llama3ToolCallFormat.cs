using System.Text.Json.Nodes;

namespace LocalMultimodal.Tools;

/// <summary>
/// Llama 3.1–3.3 and Llama 4 JSON calls: the answer is <c>{"name": ..., "parameters": {...}}</c> (optionally after
/// <c>&lt;|python_tag|&gt;</c>, optionally with <c>"type": "function"</c>), several separated by <c>;</c>.
/// </summary>
internal sealed class Llama3ToolCallFormat : ToolCallFormat
{
    public const string PythonTag = "<|python_tag|>";

    public static Llama3ToolCallFormat Instance { get; } = new();

    public override string Name => "llama3-json";

    public override IReadOnlyList<string> Triggers { get; } = [PythonTag, "{\"name\"", "{\"type\"", "{ \"name\""];

    public override IReadOnlyList<ToolCallSegment>? TryParse(string region)
    {
        string body = region.StartsWith(PythonTag, StringComparison.Ordinal) ? region[PythonTag.Length..] : region;
        if (ToolCallJson.TryParseSequence(body, ";") is not { Count: > 0 } values)
        {
            return null;
        }

        var segments = new List<ToolCallSegment>(values.Count);
        foreach (JsonNode value in values)
        {
            if (value is JsonObject obj && obj["type"] is JsonValue type && type.GetValueKind() == System.Text.Json.JsonValueKind.String && type.GetValue<string>() != "function")
            {
                return null;
            }

            // Llama's own name is "parameters"; some fine-tunes write "arguments".
            string key = value is JsonObject o && o.ContainsKey("arguments") && !o.ContainsKey("parameters") ? "arguments" : "parameters";
            if (ToolCallJson.TryReadCall(value, key, ToolCallJson.NewCallId) is not { } call)
            {
                return null;
            }

            segments.Add(ToolCallSegment.FromCall(call));
        }

        return segments;
    }

    public override JsonObject CallSchema(ChatTool tool) =>
        ObjectSchema(("name", Const(tool.Name)), ("parameters", tool.Parameters.DeepClone()));

    public override string WrapGrammar(string callRule, bool parallel, bool allowText) =>
        $"""
        root ::= {callRule}{(parallel ? " (tc-ws \";\" tc-ws " + callRule + ")*" : string.Empty)}
        tc-ws ::= | " " | "\n"

        """;
}
