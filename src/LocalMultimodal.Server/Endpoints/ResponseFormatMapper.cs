using System.Text.Json;
using System.Text.RegularExpressions;
using LocalMultimodal.Errors;
using LocalMultimodal.Sampling;
using LocalMultimodal.Server.Errors;

namespace LocalMultimodal.Server.Endpoints;

/// <summary>
/// Reads OpenAI's <c>response_format</c> into a grammar: <c>{"type":"json_object"}</c> is any JSON object,
/// <c>{"type":"json_schema","json_schema":{"name":..,"schema":..,"strict":..}}</c> a value valid against the schema.
/// Every malformed or unsupported shape is a 400 naming the field.
/// </summary>
internal static partial class ResponseFormatMapper
{
    private const string Field = "response_format";

    public static GrammarConstraint? Map(JsonElement? format)
    {
        if (format is not { ValueKind: not JsonValueKind.Null } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.BadRequest($"{Field} must be an object such as {{\"type\": \"json_object\"}}.", Field);
        }

        string? type = value.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        return type switch
        {
            "text" => null,
            "json_object" => GrammarConstraint.ForJsonObject(),
            "json_schema" => Schema(value),
            null => throw ApiException.BadRequest($"{Field}.type is required: text, json_object or json_schema.", $"{Field}.type"),
            _ => throw ApiException.BadRequest($"{Field}.type '{type}' is not supported: use text, json_object or json_schema.", $"{Field}.type"),
        };
    }

    private static GrammarConstraint Schema(JsonElement format)
    {
        const string spec = $"{Field}.json_schema";
        if (!format.TryGetProperty("json_schema", out var jsonSchema) || jsonSchema.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.BadRequest($"{spec} must be an object with a name and a schema.", spec);
        }

        if (jsonSchema.TryGetProperty("name", out var name) && (name.ValueKind != JsonValueKind.String || !NamePattern().IsMatch(name.GetString()!)))
        {
            throw ApiException.BadRequest($"{spec}.name must be 1 to 64 letters, digits, '_' or '-'.", $"{spec}.name");
        }

        if (jsonSchema.TryGetProperty("strict", out var strict) && strict.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
        {
            throw ApiException.BadRequest($"{spec}.strict must be true or false.", $"{spec}.strict");
        }

        if (!jsonSchema.TryGetProperty("schema", out var schema) || schema.ValueKind is not (JsonValueKind.Object or JsonValueKind.True))
        {
            throw ApiException.BadRequest($"{spec}.schema must be a JSON schema object.", $"{spec}.schema");
        }

        // The grammar holds the answer to the schema whether or not strict is set: output is always schema-valid.
        try
        {
            return GrammarConstraint.ForJsonSchema(schema);
        }
        catch (InvalidRequestException e)
        {
            throw ApiException.BadRequest(e.Message, $"{spec}.schema", e.Code);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex NamePattern();
}
