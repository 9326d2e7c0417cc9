using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LocalMultimodal.Tools;

/// <summary>
/// Builds the grammar of a chat with tools: the format's envelope (<see cref="ToolCallFormat.WrapGrammar"/>) around one
/// call object, whose JSON schema is the <c>anyOf</c> of the allowed tools' call schemas, converted to GBNF by the JSON
/// schema converter. <see cref="ToolChoiceMode.Auto"/> makes it lazy on the format's triggers (a trigger that is one
/// token of the model is a trigger token; otherwise a pattern over the text); required and named choices constrain
/// from the first token. The generic format is never lazy: its whole answer is JSON.
/// </summary>
internal static partial class ToolGrammar
{
    /// <summary>The rule name the call object's rules get; the converter's own rules are renamed under it.</summary>
    public const string CallRule = "tc-call";

    /// <param name="format">The call format.</param>
    /// <param name="tools">The tools the answer may call.</param>
    /// <param name="choice">Auto, required or a named function.</param>
    /// <param name="parallel">Whether several calls may follow each other.</param>
    /// <param name="isOneToken">Whether a trigger text is exactly one token of the model.</param>
    /// <param name="schemaToGbnf">The JSON-schema converter: GBNF whose start rule is <c>root</c>.</param>
    public static ToolGrammarSpec Build(
        ToolCallFormat format, IReadOnlyList<ChatTool> tools, ToolChoice choice, bool parallel, Func<string, bool> isOneToken, Func<JsonObject, string> schemaToGbnf)
    {
        JsonObject callSchema = tools.Count == 1
            ? format.CallSchema(tools[0])
            : new JsonObject { ["anyOf"] = new JsonArray([.. tools.Select(t => (JsonNode)format.CallSchema(t))]) };
        string callRules = RenameRoot(schemaToGbnf(callSchema));
        bool allowText = choice.Mode == ToolChoiceMode.Auto;
        string gbnf = format.WrapGrammar(CallRule, parallel, allowText) + callRules;
        if (!allowText || format.WholeAnswer)
        {
            return new ToolGrammarSpec(gbnf, [], []);
        }

        var tokens = format.Triggers.Where(isOneToken).ToList();
        var patterns = format.Triggers.Where(t => !isOneToken(t)).Select(t => $"[\\s\\S]*?({Regex.Escape(t)})[\\s\\S]*").ToList();
        return new ToolGrammarSpec(gbnf, tokens, patterns);
    }

    /// <summary>
    /// Renames the converter's <c>root</c> rule to <see cref="CallRule"/>. A converter's start rule is never referenced
    /// by its other rules, so the definition is the only place to change.
    /// </summary>
    private static string RenameRoot(string gbnf) => RootDefinition().Replace(gbnf, CallRule + " ::=");

    [GeneratedRegex(@"^root\s*::=", RegexOptions.Multiline)]
    private static partial Regex RootDefinition();
}
