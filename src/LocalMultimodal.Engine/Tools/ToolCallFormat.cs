using System.Text.Json.Nodes;

namespace LocalMultimodal.Tools;

/// <summary>
/// How a model family writes tool calls: where a call starts (the triggers a lazy grammar waits for, and the
/// stream splitter looks for), where it ends, how the text of a call parses, and the grammar that constrains it.
/// Parsing is pure code; a call that does not parse is returned as text by the caller, never an error.
/// </summary>
internal abstract class ToolCallFormat
{
    /// <summary>The format's name, for logs and errors.</summary>
    public abstract string Name { get; }

    /// <summary>Texts that open a call. Text before the first one is the answer's text.</summary>
    public abstract IReadOnlyList<string> Triggers { get; }

    /// <summary>The text that closes one call, or null when a call runs to the end of the answer.</summary>
    public virtual string? CallEnd => null;

    /// <summary>True when the whole answer is one JSON document (the generic format): nothing streams as text.</summary>
    public virtual bool WholeAnswer => false;

    /// <summary>
    /// Parses a call region: from a trigger to <see cref="CallEnd"/> (included), or to the end of the answer. Null
    /// when it does not parse; the caller then keeps the region as text and logs why.
    /// </summary>
    public abstract IReadOnlyList<ToolCallSegment>? TryParse(string region);

    /// <summary>The JSON schema of one call of <paramref name="tool"/> as this format writes it.</summary>
    public abstract JsonObject CallSchema(ChatTool tool);

    /// <summary>
    /// The GBNF rules around the call object: <c>root</c> and anything it needs besides <paramref name="callRule"/>,
    /// the rule that matches one call object (<see cref="CallSchema"/> of any allowed tool).
    /// </summary>
    public abstract string WrapGrammar(string callRule, bool parallel, bool allowText);

    /// <summary>A GBNF string literal for <paramref name="text"/>.</summary>
    protected static string Literal(string text)
    {
        var builder = new System.Text.StringBuilder("\"");
        foreach (char c in text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }

    /// <summary>Schema helper: an object with these properties, all required, in this order.</summary>
    protected static JsonObject ObjectSchema(params (string Name, JsonNode Schema)[] properties)
    {
        var props = new JsonObject();
        var required = new JsonArray();
        foreach (var (name, schema) in properties)
        {
            props[name] = schema;
            required.Add(name);
        }

        return new JsonObject { ["type"] = "object", ["properties"] = props, ["required"] = required };
    }

    /// <summary>Schema of a string that must be <paramref name="value"/>.</summary>
    protected static JsonObject Const(string value) => new() { ["type"] = "string", ["const"] = value };
}
