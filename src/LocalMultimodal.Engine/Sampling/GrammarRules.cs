using System.Text.RegularExpressions;
using LocalMultimodal.Errors;

namespace LocalMultimodal.Sampling;

/// <summary>
/// The checks a <see cref="GrammarConstraint"/> passes before anything native sees it. llama.cpp compiles trigger
/// patterns with <c>std::regex</c>, which throws through the C API (and so ends the process) on a pattern it cannot
/// compile, so only the ECMAScript subset both regex engines read is let through.
/// </summary>
internal static class GrammarRules
{
    /// <summary>Longest GBNF text accepted, in characters. Schema grammars of real tools are a few KiB.</summary>
    public const int MaxGrammarLength = 256 * 1024;

    /// <summary>Most trigger tokens plus trigger patterns on one constraint.</summary>
    public const int MaxTriggers = 16;

    /// <summary>Longest trigger pattern, in characters.</summary>
    public const int MaxTriggerPatternLength = 512;

    /// <summary>Longest trigger token text, in characters.</summary>
    public const int MaxTriggerTokenLength = 128;

    private const string Param = "grammar";

    public static void Validate(GrammarConstraint grammar)
    {
        Require(grammar.Grammar.Length is > 0 and <= MaxGrammarLength, $"must be 1 to {MaxGrammarLength} characters of GBNF");
        Require(grammar.Root.Length is > 0 and <= 64 && grammar.Root.All(IsRuleNameChar), "root must be a rule name (letters, digits and '-')");
        Require(grammar.TriggerTokens.Count + grammar.TriggerTokenIds.Count + grammar.TriggerPatterns.Count <= MaxTriggers, $"may have at most {MaxTriggers} triggers");
        Require(grammar.TriggerTokens.All(t => !string.IsNullOrEmpty(t) && t.Length <= MaxTriggerTokenLength), $"trigger tokens must be 1 to {MaxTriggerTokenLength} characters");
        foreach (string pattern in grammar.TriggerPatterns)
        {
            ValidatePattern(pattern);
        }
    }

    private static void ValidatePattern(string? pattern)
    {
        Require(!string.IsNullOrEmpty(pattern) && pattern.Length <= MaxTriggerPatternLength, $"trigger patterns must be 1 to {MaxTriggerPatternLength} characters");

        // std::regex's ECMAScript grammar has no named groups, lookbehind, atomic groups, inline options or \p{..}.
        for (int i = 0; i < pattern!.Length - 1; i++)
        {
            if (pattern[i] == '\\')
            {
                Require(pattern[i + 1] is not ('p' or 'P' or 'k' or 'A' or 'Z' or 'z' or 'G'), $"trigger pattern uses '\\{pattern[i + 1]}', which ECMAScript regular expressions do not have");
                i++;
            }
            else if (pattern[i] == '(' && pattern[i + 1] == '?')
            {
                Require(i + 2 < pattern.Length && pattern[i + 2] is ':' or '=' or '!', "trigger pattern groups may only be (..), (?:..), (?=..) or (?!..)");
            }
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.ECMAScript, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw new InvalidRequestException($"grammar trigger pattern is not a valid regular expression: {e.Message}", "invalid_grammar") { Param = Param };
        }
    }

    // llama.cpp's GBNF rule names: ASCII letters, digits and '-'.
    private static bool IsRuleNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '-';

    private static void Require(bool ok, string rule)
    {
        if (!ok)
        {
            throw new InvalidRequestException($"{Param} {rule}.", "invalid_grammar") { Param = Param };
        }
    }
}
