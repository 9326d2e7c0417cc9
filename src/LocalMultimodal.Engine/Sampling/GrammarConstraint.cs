using System.Text.Json;
using LocalMultimodal.Grammar;

namespace LocalMultimodal.Sampling;

/// <summary>
/// Constrains generation to a GBNF grammar (llama.cpp's grammar format): only tokens that keep the output a prefix
/// of a sentence of the grammar can be sampled, and the turn may end only where the grammar is complete.
/// </summary>
/// <remarks>
/// A lazy constraint (any <see cref="TriggerTokens"/> or <see cref="TriggerPatterns"/>) lets text through
/// unconstrained until a trigger appears; from there on the grammar applies, and the trigger itself is the first
/// thing the grammar sees, so its root must begin with it. Tool calls use this: free text streams until the model
/// opens a call, and the call's JSON is then held to the tool's schema.
/// </remarks>
public sealed class GrammarConstraint
{
    /// <summary>Creates a constraint from GBNF text whose start rule is <paramref name="root"/>.</summary>
    public GrammarConstraint(string grammar, string root = "root")
    {
        ArgumentNullException.ThrowIfNull(grammar);
        ArgumentNullException.ThrowIfNull(root);
        Grammar = grammar;
        Root = root;
    }

    /// <summary>
    /// Output that is a JSON value valid against <paramref name="schema"/>: types, enum, const, required and optional
    /// properties, nested objects, arrays with minItems/maxItems, anyOf/oneOf, local <c>$ref</c>/<c>$defs</c>,
    /// additionalProperties, string minLength/maxLength and the formats date, date-time, time and uuid.
    /// </summary>
    /// <exception cref="Errors.InvalidRequestException">
    /// The schema uses a keyword the grammar cannot honour, or is over a size limit; the message names the keyword
    /// and its JSON path.
    /// </exception>
    public static GrammarConstraint ForJsonSchema(JsonElement schema) => new(JsonSchemaConverter.Convert(schema));

    /// <summary>Output that is any JSON object (OpenAI's <c>json_object</c> response format).</summary>
    public static GrammarConstraint ForJsonObject() => new(JsonSchemaConverter.AnyObject());

    /// <summary>The grammar in GBNF.</summary>
    public string Grammar { get; }

    /// <summary>The name of the start rule.</summary>
    public string Root { get; }

    /// <summary>
    /// Tokens, given as their text (each must be exactly one token of the model, e.g. <c>&lt;tool_call&gt;</c>),
    /// whose sampling activates the grammar. Any trigger makes the constraint lazy.
    /// </summary>
    public IReadOnlyList<string> TriggerTokens { get; init; } = [];

    /// <summary>
    /// Tokens, by id, whose sampling activates the grammar; for a model whose vocabulary spells the same text with
    /// more than one token (as the colour demo model does for its answer words).
    /// </summary>
    public IReadOnlyList<int> TriggerTokenIds { get; init; } = [];

    /// <summary>
    /// Regular expressions (ECMAScript syntax, as C++ <c>std::regex</c> reads them) that activate the grammar when one
    /// matches the whole text generated so far, e.g. <c>[\s\S]*?(\{"name")[\s\S]*</c>. The grammar starts at the
    /// first capturing group that matched (or at the start of the match) and sees that text first.
    /// </summary>
    public IReadOnlyList<string> TriggerPatterns { get; init; } = [];

    /// <summary>True when the grammar waits for a trigger before it constrains anything.</summary>
    public bool IsLazy => TriggerTokens.Count > 0 || TriggerTokenIds.Count > 0 || TriggerPatterns.Count > 0;
}
