using System.Globalization;
using System.Text;
using System.Text.Json;
using LocalMultimodal.Errors;

namespace LocalMultimodal.Grammar;

/// <summary>
/// Turns a JSON schema into a GBNF grammar whose sentences are JSON values valid against the schema.
/// </summary>
/// <remarks>
/// <para>
/// The grammar may allow fewer documents than the schema (properties come in a fixed order, extra properties are
/// never generated, numbers have at most 16 digits), never more, with one documented exception: <c>oneOf</c> is read
/// as <c>anyOf</c>, so its branches should not overlap. A keyword that would let the grammar produce invalid
/// output if ignored is refused, naming it and its path; so is anything over the limits below, before any decode.
/// </para>
/// <para>
/// <c>$ref</c> takes local JSON pointers (<c>#</c>, <c>#/$defs/x</c>, <c>#/properties/a/items</c>, as .NET's schema
/// exporter writes for recursive types); each target becomes one rule, so recursion costs nothing to convert.
/// </para>
/// </remarks>
internal sealed class JsonSchemaConverter
{
    /// <summary>Deepest nesting of schemas inside schemas.</summary>
    public const int MaxDepth = 32;

    /// <summary>Most values in one <c>enum</c>.</summary>
    public const int MaxEnumValues = 512;

    /// <summary>Most properties of one object schema.</summary>
    public const int MaxProperties = 128;

    /// <summary>Most branches of one <c>anyOf</c> / <c>oneOf</c> or entries of a <c>type</c> list.</summary>
    public const int MaxAlternatives = 64;

    /// <summary>Largest minLength, maxLength, minItems or maxItems: the grammar spells the count out.</summary>
    public const int MaxCount = 4096;

    /// <summary>Most grammar rules one schema may produce.</summary>
    public const int MaxRules = 2048;

    /// <summary>Longest schema accepted, in characters of its JSON text.</summary>
    public const int MaxSchemaLength = 256 * 1024;

    // JSON Schema keywords whose constraint the grammar cannot honour: refused rather than ignored. Words outside
    // the JSON Schema vocabulary are annotations by the specification (and generators add some, such as Semantic
    // Kernel's "condition"), so they are ignored.
    private static readonly HashSet<string> Unsupported =
    [
        "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "allOf", "not", "if", "then",
        "else", "patternProperties", "propertyNames", "dependentRequired", "dependentSchemas", "dependencies",
        "unevaluatedProperties", "unevaluatedItems", "contains", "minContains", "maxContains", "uniqueItems", "prefixItems",
        "additionalItems", "minProperties", "maxProperties", "$dynamicRef", "$recursiveRef", "contentSchema",
    ];

    private static readonly HashSet<string> Supported =
    [
        "type", "enum", "const", "properties", "required", "additionalProperties", "items", "minItems", "maxItems",
        "anyOf", "oneOf", "$ref", "minLength", "maxLength", "format", "nullable",
    ];

    private static readonly HashSet<string> Formats = ["date", "date-time", "time", "uuid"];

    // Non-ASCII text stays as it is (the grammar is UTF-8); JSON's own escapes are still applied.
    private static readonly JsonSerializerOptions CompactJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly JsonElement _document;
    private readonly Dictionary<string, string> _rules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _refRules = new(StringComparer.Ordinal);
    private readonly HashSet<string> _primitives = [];

    private JsonSchemaConverter(JsonElement document) => _document = document;

    /// <summary>A grammar (start rule <c>root</c>) for JSON values valid against <paramref name="schema"/>.</summary>
    /// <exception cref="InvalidRequestException">The schema uses something unsupported or is over a limit.</exception>
    public static string Convert(JsonElement schema)
    {
        var converter = new JsonSchemaConverter(schema);
        try
        {
            if (schema.GetRawText().Length > MaxSchemaLength)
            {
                throw Error("$", $"is longer than {MaxSchemaLength} characters");
            }

            string root = converter.Visit(schema, "$", depth: 0);
            return converter.Write(root);
        }
        catch (InvalidOperationException e) when (e.InnerException is System.Text.DecoderFallbackException)
        {
            // JsonDocument checks UTF-8 only when a string is read; a schema's names and values are read here.
            throw new InvalidRequestException("JSON schema at $: holds text that is not valid UTF-8.", "invalid_json_schema", e) { Param = "schema" };
        }
    }

    /// <summary>A grammar for any JSON object (OpenAI's <c>json_object</c> response format).</summary>
    public static string AnyObject()
    {
        var converter = new JsonSchemaConverter(default);
        return converter.Write(converter.Primitive("object"));
    }

    private string Write(string root)
    {
        var text = new StringBuilder();
        text.Append("root ::= ").Append(root).Append('\n');
        foreach (var (name, body) in _rules)
        {
            text.Append(name).Append(" ::= ").Append(body).Append('\n');
        }

        foreach (string name in _primitives.Order(StringComparer.Ordinal))
        {
            text.Append(name).Append(" ::= ").Append(JsonGrammarRules.Primitives[name]).Append('\n');
        }

        return text.ToString();
    }

    private string Visit(JsonElement schema, string path, int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error(path, $"nests schemas more than {MaxDepth} deep");
        }

        if (schema.ValueKind == JsonValueKind.True)
        {
            return Primitive("value");
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw Error(path, schema.ValueKind == JsonValueKind.False ? "is false, which no value satisfies" : "must be an object or a boolean");
        }

        CheckKeywords(schema, path);
        if (schema.TryGetProperty("$ref", out var reference))
        {
            return Reference(reference, path);
        }

        if (schema.TryGetProperty("const", out var constant))
        {
            return Literal(constant);
        }

        if (schema.TryGetProperty("enum", out var values))
        {
            return Enum(values, path);
        }

        foreach (string combiner in (string[])["anyOf", "oneOf"])
        {
            if (schema.TryGetProperty(combiner, out var branches))
            {
                if (branches.ValueKind != JsonValueKind.Array || branches.GetArrayLength() is 0 or > MaxAlternatives)
                {
                    throw Error($"{path}.{combiner}", $"must be an array of 1 to {MaxAlternatives} schemas");
                }

                if (HasTypeKeywords(schema))
                {
                    throw Error(path, $"combines {combiner} with type keywords beside it, which is not supported");
                }

                return Group(branches.EnumerateArray().Select((b, i) => Visit(b, $"{path}.{combiner}[{i}]", depth + 1)));
            }
        }

        var types = Types(schema, path);
        if (schema.TryGetProperty("nullable", out var nullable) && nullable.ValueKind == JsonValueKind.True && !types.Contains("null"))
        {
            types.Add("null");
        }

        return Group(types.Select(t => Typed(schema, t, path, depth)));
    }

    private string Typed(JsonElement schema, string type, string path, int depth) => type switch
    {
        "string" => StringRule(schema, path),
        "integer" or "number" or "boolean" or "null" => Primitive(type),
        "object" => ObjectRule(schema, path, depth),
        "array" => ArrayRule(schema, path, depth),
        "any" => Primitive("value"),
        _ => throw Error($"{path}.type", $"'{type}' is not a JSON schema type"),
    };

    private List<string> Types(JsonElement schema, string path)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            // No type: the keywords present say what it is; with none, any value.
            return schema.TryGetProperty("properties", out _) || schema.TryGetProperty("additionalProperties", out _) ? ["object"]
                : schema.TryGetProperty("items", out _) || schema.TryGetProperty("minItems", out _) || schema.TryGetProperty("maxItems", out _) ? ["array"]
                : schema.TryGetProperty("minLength", out _) || schema.TryGetProperty("maxLength", out _) || schema.TryGetProperty("format", out _) ? ["string"]
                : ["any"];
        }

        List<string> types = type.ValueKind switch
        {
            JsonValueKind.String => [type.GetString()!],
            JsonValueKind.Array when type.GetArrayLength() is > 0 and <= MaxAlternatives && type.EnumerateArray().All(t => t.ValueKind == JsonValueKind.String)
                => [.. type.EnumerateArray().Select(t => t.GetString()!).Distinct()],
            _ => throw Error($"{path}.type", "must be a type name or a non-empty array of them"),
        };
        return types;
    }

    private string StringRule(JsonElement schema, string path)
    {
        if (schema.TryGetProperty("format", out var format))
        {
            string name = format.ValueKind == JsonValueKind.String ? format.GetString()! : string.Empty;
            if (!Formats.Contains(name))
            {
                throw Error($"{path}.format", $"'{name}' is not supported (supported: {string.Join(", ", Formats)})");
            }

            if (schema.TryGetProperty("minLength", out _) || schema.TryGetProperty("maxLength", out _))
            {
                throw Error(path, "combines format with minLength/maxLength, which is not supported");
            }

            return Primitive($"{name}-string");
        }

        int min = Count(schema, "minLength", path) ?? 0;
        int? max = Count(schema, "maxLength", path);
        if (min == 0 && max is null)
        {
            return Primitive("string");
        }

        CheckRange(min, max, path, "minLength", "maxLength");
        Primitive("char");
        Primitive("space");
        return $"\"\\\"\" char{Repeat(min, max)} \"\\\"\" space";
    }

    private string ObjectRule(JsonElement schema, string path, int depth)
    {
        var properties = new List<(string Name, string Rule)>();
        if (schema.TryGetProperty("properties", out var declared))
        {
            if (declared.ValueKind != JsonValueKind.Object)
            {
                throw Error($"{path}.properties", "must be an object");
            }

            foreach (var property in declared.EnumerateObject())
            {
                if (properties.Count == MaxProperties)
                {
                    throw Error($"{path}.properties", $"has more than {MaxProperties} properties");
                }

                properties.Add((property.Name, Visit(property.Value, $"{path}.properties.{property.Name}", depth + 1)));
            }
        }

        var required = new List<string>();
        if (schema.TryGetProperty("required", out var requiredList))
        {
            if (requiredList.ValueKind != JsonValueKind.Array || requiredList.EnumerateArray().Any(r => r.ValueKind != JsonValueKind.String))
            {
                throw Error($"{path}.required", "must be an array of property names");
            }

            required.AddRange(requiredList.EnumerateArray().Select(r => r.GetString()!).Distinct());
        }

        // A required name without a schema may hold any value.
        foreach (string name in required.Where(r => properties.All(p => p.Name != r)).ToList())
        {
            properties.Add((name, Primitive("value")));
        }

        if (properties.Count == 0)
        {
            // Only additionalProperties can say what the members are; false or absent leaves the empty object.
            return schema.TryGetProperty("additionalProperties", out var extra) && extra.ValueKind != JsonValueKind.False
                ? MapRule(extra, path, depth)
                : Define(path, $"\"{{\" {Primitive("space")} \"}}\" space");
        }

        // Extra members are never generated (the grammar allows a subset of the schema), required ones first.
        var members = properties.Select(p => (Required: required.Contains(p.Name), Pair: $"{LiteralJson(JsonSerializer.Serialize(p.Name, CompactJson))} \":\" space {p.Rule}")).ToList();
        var body = new StringBuilder("\"{\" space ");
        var mandatory = members.Where(m => m.Required).Select(m => m.Pair).ToList();
        var optional = members.Where(m => !m.Required).Select(m => m.Pair).ToList();
        body.Append(string.Join(" \",\" space ", mandatory));
        if (optional.Count > 0)
        {
            body.Append(' ').Append(mandatory.Count > 0 ? OptionalAfter(optional) : OptionalFirst(optional, path));
        }

        body.Append(" \"}\" space");
        return Define(path, body.ToString());
    }

    // Each optional member, in order, may follow what came before: ("," a)? ("," b)? ...
    private static string OptionalAfter(List<string> optional) =>
        string.Join(" ", optional.Select(o => $"(\",\" space {o})?"));

    // Without a required member the first present one has no comma: (a tail-a | b tail-b | c)?, where each
    // tail is the optional rest, ("," b)? tail-b, written as one rule per member so the grammar stays linear.
    private string OptionalFirst(List<string> optional, string path)
    {
        var tails = new string[optional.Count];
        for (int i = optional.Count - 1; i >= 0; i--)
        {
            tails[i] = i + 1 < optional.Count ? Define($"{path}-after-{i}", $"(\",\" space {optional[i + 1]})? {tails[i + 1]}") : string.Empty;
        }

        return $"({string.Join(" | ", optional.Select((o, i) => $"{o} {tails[i]}".TrimEnd()))})?";
    }

    private string MapRule(JsonElement extra, string path, int depth)
    {
        string value = Visit(extra, $"{path}.additionalProperties", depth + 1);
        Primitive("string");
        string pair = $"string \":\" space {value}";
        return Define(path, $"\"{{\" space ({pair} (\",\" space {pair})*)? \"}}\" space");
    }

    private string ArrayRule(JsonElement schema, string path, int depth)
    {
        string item = schema.TryGetProperty("items", out var items) ? Visit(items, $"{path}.items", depth + 1) : Primitive("value");
        int min = Count(schema, "minItems", path) ?? 0;
        int? max = Count(schema, "maxItems", path);
        CheckRange(min, max, path, "minItems", "maxItems");
        Primitive("space");
        string body = max == 0
            ? "\"[\" space \"]\" space"
            : min == 0
                ? $"\"[\" space ({item} (\",\" space {item}){Repeat(0, max - 1)})? \"]\" space"
                : $"\"[\" space {item} (\",\" space {item}){Repeat(min - 1, max - 1)} \"]\" space";
        return Define(path, body);
    }

    private string Reference(JsonElement reference, string path)
    {
        string target = reference.ValueKind == JsonValueKind.String ? reference.GetString()! : string.Empty;
        if (_refRules.TryGetValue(target, out string? known))
        {
            return known;
        }

        // A chain of bare $refs that comes back to itself defines nothing.
        var seen = new HashSet<string>(StringComparer.Ordinal) { target };
        var resolved = Resolve(target, path);
        while (resolved.ValueKind == JsonValueKind.Object && resolved.TryGetProperty("$ref", out var next) && next.ValueKind == JsonValueKind.String)
        {
            if (!seen.Add(next.GetString()!))
            {
                throw Error($"{path}.$ref", $"'{target}' is a cycle of references that never reaches a schema");
            }

            resolved = Resolve(next.GetString()!, path);
        }

        string name = UniqueName("ref-" + target.TrimStart('#', '/'));
        _refRules[target] = name;
        _rules[name] = string.Empty;
        _rules[name] = Visit(resolved, target, depth: 1);
        return name;
    }

    private JsonElement Resolve(string target, string path)
    {
        if (!target.StartsWith('#'))
        {
            throw Error($"{path}.$ref", $"'{target}' is not a local reference (only '#...' references are supported)");
        }

        var current = _document;
        foreach (string raw in target.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            string part = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(part, out var child))
            {
                current = child;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int index) && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                throw Error($"{path}.$ref", $"'{target}' does not point into this schema");
            }
        }

        return current;
    }

    private string Enum(JsonElement values, string path)
    {
        if (values.ValueKind != JsonValueKind.Array || values.GetArrayLength() is 0 or > MaxEnumValues)
        {
            throw Error($"{path}.enum", $"must be an array of 1 to {MaxEnumValues} values");
        }

        return Group(values.EnumerateArray().Select(Literal).Distinct());
    }

    private static bool HasTypeKeywords(JsonElement schema) =>
        schema.EnumerateObject().Any(p => Supported.Contains(p.Name) && p.Name is not ("anyOf" or "oneOf"));

    private static void CheckKeywords(JsonElement schema, string path)
    {
        foreach (var property in schema.EnumerateObject())
        {
            if (Unsupported.Contains(property.Name))
            {
                throw Error($"{path}.{property.Name}", $"keyword '{property.Name}' is not supported");
            }
        }
    }

    private static int? Count(JsonElement schema, string keyword, string path)
    {
        if (!schema.TryGetProperty(keyword, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int count) && count is >= 0 and <= MaxCount
            ? count
            : throw Error($"{path}.{keyword}", $"must be a whole number from 0 to {MaxCount}");
    }

    private static void CheckRange(int min, int? max, string path, string minName, string maxName)
    {
        if (max < min)
        {
            throw Error(path, $"{maxName} ({max}) is below {minName} ({min})");
        }
    }

    private static string Repeat(int min, int? max) => max is null
        ? min switch { 0 => "*", 1 => "+", _ => $"{{{min},}}" }
        : min == max ? $"{{{min}}}" : $"{{{min},{max}}}";

    private static string Group(IEnumerable<string> alternatives)
    {
        var list = alternatives.Distinct().ToList();
        return list.Count == 1 ? list[0] : $"({string.Join(" | ", list)})";
    }

    /// <summary>The exact JSON text of a value, as a GBNF literal followed by optional space.</summary>
    private string Literal(JsonElement value) => LiteralJson(JsonSerializer.Serialize(value, CompactJson));

    private string LiteralJson(string jsonText)
    {
        Primitive("space");
        var text = new StringBuilder("\"");
        foreach (char c in jsonText)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < ' ' => $"\\x{(int)c:X2}",
                _ => c.ToString(),
            });
        }

        return text.Append("\" space").ToString();
    }

    private string Primitive(string name)
    {
        if (_primitives.Add(name) && JsonGrammarRules.Dependencies.TryGetValue(name, out var dependencies))
        {
            foreach (string dependency in dependencies)
            {
                Primitive(dependency);
            }
        }

        return name;
    }

    private string Define(string hint, string body)
    {
        string name = UniqueName(hint);
        _rules[name] = body;
        return name;
    }

    private string UniqueName(string hint)
    {
        if (_rules.Count >= MaxRules)
        {
            throw Error("$", $"needs more than {MaxRules} grammar rules");
        }

        var clean = new StringBuilder();
        foreach (char c in hint.TrimStart('$', '.'))
        {
            clean.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }

        string stem = "s-" + string.Join('-', clean.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries));
        stem = stem.Length > 60 ? stem[..60].TrimEnd('-') : stem.TrimEnd('-');
        string name = stem;
        for (int i = 2; _rules.ContainsKey(name) || JsonGrammarRules.Primitives.ContainsKey(name) || name == "root"; i++)
        {
            name = $"{stem}-{i}";
        }

        return name;
    }

    private static InvalidRequestException Error(string path, string reason) =>
        new($"JSON schema at {path}: {reason}.", "invalid_json_schema") { Param = "schema" };
}
