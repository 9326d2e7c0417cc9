namespace LocalMultimodal.Grammar;

/// <summary>
/// The GBNF rules for JSON's primitives, shared by every schema grammar. Each value rule ends in <c>space</c>, so a
/// schema's rules only join them. Numbers have bounded digits so that sampling at any temperature ends.
/// </summary>
internal static class JsonGrammarRules
{
    public static readonly IReadOnlyDictionary<string, string> Primitives = new Dictionary<string, string>
    {
        // One optional space between tokens: enough for compact and "key": value JSON, and a model whose best
        // structural choice is whitespace (ties go to the lowest token id, and tab is low) cannot loop on it.
        ["space"] = "| \" \"",
        ["boolean"] = """("true" | "false") space""",
        ["null"] = "\"null\" space",
        ["integral-part"] = "[0] | [1-9] [0-9]{0,15}",
        ["decimal-part"] = "[0-9]{1,16}",
        ["integer"] = "(\"-\"? integral-part) space",
        ["number"] = """("-"? integral-part) ("." decimal-part)? ([eE] [-+]? integral-part)? space""",
        ["char"] = """[^"\\\x7F\x00-\x1F] | [\\] (["\\bfnrt] | "u" [0-9a-fA-F]{4})""",
        ["string"] = "\"\\\"\" char* \"\\\"\" space",
        ["value"] = "object | array | string | number | boolean | null",
        ["object"] = "\"{\" space (string \":\" space value (\",\" space string \":\" space value)*)? \"}\" space",
        ["array"] = "\"[\" space (value (\",\" space value)*)? \"]\" space",
        ["date"] = """[1-9] [0-9]{3} "-" (("0" [13578] | "1" [02]) "-" ([0] [1-9] | [12] [0-9] | "3" [01]) | ("0" [469] | "11") "-" ([0] [1-9] | [12] [0-9] | "30") | "02-" ([0] [1-9] | [1] [0-9] | "2" [0-8]))""",
        ["time"] = """([01] [0-9] | "2" [0-3]) ":" [0-5] [0-9] ":" [0-5] [0-9] ("." [0-9]{1,6})? ("Z" | [+-] ([01] [0-9] | "2" [0-3]) ":" [0-5] [0-9])""",
        ["date-time"] = "date \"T\" time",
        ["uuid"] = """[0-9a-fA-F]{8} "-" [0-9a-fA-F]{4} "-" [0-9a-fA-F]{4} "-" [0-9a-fA-F]{4} "-" [0-9a-fA-F]{12}""",
        ["date-string"] = "\"\\\"\" date \"\\\"\" space",
        ["time-string"] = "\"\\\"\" time \"\\\"\" space",
        ["date-time-string"] = "\"\\\"\" date-time \"\\\"\" space",
        ["uuid-string"] = "\"\\\"\" uuid \"\\\"\" space",
    };

    /// <summary>The rules a primitive rule refers to, so only what a grammar uses is written out.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Dependencies = new Dictionary<string, string[]>
    {
        ["boolean"] = ["space"],
        ["null"] = ["space"],
        ["integer"] = ["integral-part", "space"],
        ["number"] = ["integral-part", "decimal-part", "space"],
        ["string"] = ["char", "space"],
        ["value"] = ["object", "array", "string", "number", "boolean", "null"],
        ["object"] = ["space", "string", "value"],
        ["array"] = ["space", "value"],
        ["date-time"] = ["date", "time"],
        ["date-string"] = ["date", "space"],
        ["time-string"] = ["time", "space"],
        ["date-time-string"] = ["date-time", "space"],
        ["uuid-string"] = ["uuid", "space"],
    };
}
