namespace LocalMultimodal.Tools;

/// <summary>The grammar of a chat with tools: GBNF, and what activates it when it is lazy (none: from the first token).</summary>
internal sealed record ToolGrammarSpec(string Gbnf, IReadOnlyList<string> TriggerTokens, IReadOnlyList<string> TriggerPatterns)
{
    public bool IsLazy => TriggerTokens.Count > 0 || TriggerPatterns.Count > 0;
}
