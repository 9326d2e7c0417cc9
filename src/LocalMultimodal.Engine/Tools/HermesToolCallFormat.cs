using System.Text.Json.Nodes;

namespace LocalMultimodal.Tools;

/// <summary>
/// Hermes 2 Pro / Qwen2.5 / Qwen3: <c>&lt;tool_call&gt;\n{"name": ..., "arguments": {...}}\n&lt;/tool_call&gt;</c>, one block per
/// call, after any text. The built-in demo model uses it.
/// </summary>
internal sealed class HermesToolCallFormat : ToolCallFormat
{
    public const string Open = "<tool_call>";
    public const string Close = "</tool_call>";

    public static HermesToolCallFormat Instance { get; } = new();

    public override string Name => "hermes";

    public override IReadOnlyList<string> Triggers { get; } = [Open];

    public override string? CallEnd => Close;

    public override IReadOnlyList<ToolCallSegment>? TryParse(string region)
    {
        if (!region.StartsWith(Open, StringComparison.Ordinal) || !region.EndsWith(Close, StringComparison.Ordinal) || region.Length < Open.Length + Close.Length)
        {
            return null;
        }

        string body = region[Open.Length..^Close.Length];
        return ToolCallJson.TryReadCall(ToolCallJson.TryParse(body), "arguments", ToolCallJson.NewCallId) is { } call ? [ToolCallSegment.FromCall(call)] : null;
    }

    public override JsonObject CallSchema(ChatTool tool) =>
        ObjectSchema(("name", Const(tool.Name)), ("arguments", tool.Parameters.DeepClone()));

    public override string WrapGrammar(string callRule, bool parallel, bool allowText) =>
        $"""
        root ::= tc-block{(parallel ? " (tc-ws tc-block)*" : string.Empty)}
        tc-block ::= {Literal(Open)} tc-ws {callRule} tc-ws {Literal(Close)}
        tc-ws ::= | [ \t\n] | [ \t\n] [ \t\n]

        """;
}
