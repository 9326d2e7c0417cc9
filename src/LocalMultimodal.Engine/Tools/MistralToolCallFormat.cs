using System.Text.Json.Nodes;

namespace LocalMultimodal.Tools;

/// <summary>
/// Mistral: <c>[TOOL_CALLS][{"name": ..., "arguments": {...}, "id": "abc123XYZ"}, ...]</c> (Mistral Nemo, Small 3), or
/// the newer <c>[TOOL_CALLS]name[ARGS]{...}</c> repeated (Magistral, Devstral). Ids are 9 letters and digits.
/// </summary>
internal sealed class MistralToolCallFormat : ToolCallFormat
{
    public const string Open = "[TOOL_CALLS]";
    public const string Args = "[ARGS]";

    public static MistralToolCallFormat Instance { get; } = new();

    public override string Name => "mistral";

    public override IReadOnlyList<string> Triggers { get; } = [Open];

    public override IReadOnlyList<ToolCallSegment>? TryParse(string region)
    {
        if (!region.StartsWith(Open, StringComparison.Ordinal))
        {
            return null;
        }

        string body = region[Open.Length..];
        return body.TrimStart().StartsWith('[') ? ParseArray(body) : ParseNamed(body);
    }

    public override JsonObject CallSchema(ChatTool tool) =>
        ObjectSchema(("name", Const(tool.Name)), ("arguments", tool.Parameters.DeepClone()));

    public override string WrapGrammar(string callRule, bool parallel, bool allowText) =>
        $"""
        root ::= {Literal(Open)} "[" tc-ws {callRule}{(parallel ? $" (tc-ws \",\" tc-ws {callRule})*" : string.Empty)} tc-ws "]"
        tc-ws ::= | " " | "\n"

        """;

    private static List<ToolCallSegment>? ParseArray(string body)
    {
        return ToolCallJson.TryParse(body) is JsonArray { Count: > 0 } array ? ToolCallJson.TryReadCalls(array, "arguments", ToolCallJson.NewMistralCallId) : null;
    }

    private static List<ToolCallSegment>? ParseNamed(string body)
    {
        var segments = new List<ToolCallSegment>();
        foreach (string part in body.Split(Open))
        {
            int args = part.IndexOf(Args, StringComparison.Ordinal);
            if (args <= 0)
            {
                return null;
            }

            var call = new JsonObject { ["name"] = part[..args].Trim(), ["arguments"] = ToolCallJson.TryParse(part[(args + Args.Length)..]) };
            if (call["arguments"] is null || ToolCallJson.TryReadCall(call, "arguments", ToolCallJson.NewMistralCallId) is not { } parsed)
            {
                return null;
            }

            segments.Add(ToolCallSegment.FromCall(parsed));
        }

        return segments;
    }
}
