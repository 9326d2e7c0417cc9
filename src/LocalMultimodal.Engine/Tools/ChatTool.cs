using System.Text.Json.Nodes;
using LocalMultimodal.Errors;

namespace LocalMultimodal.Tools;

/// <summary>A function the model may call: its name, what it does, and its parameters as a JSON schema.</summary>
public sealed class ChatTool
{
    /// <summary>Creates a tool.</summary>
    /// <param name="name">The function's name: letters, digits, <c>_</c>, <c>-</c> and <c>.</c>, 1 to 64 characters.</param>
    /// <param name="description">What the function does, for the model; may be null.</param>
    /// <param name="parameters">The arguments' JSON schema (an object schema); null takes no arguments.</param>
    public ChatTool(string name, string? description = null, JsonObject? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        Description = description;
        Parameters = parameters ?? new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() };
    }

    /// <summary>The function's name.</summary>
    public string Name { get; }

    /// <summary>What the function does.</summary>
    public string? Description { get; }

    /// <summary>The arguments' JSON schema.</summary>
    public JsonObject Parameters { get; }

    /// <summary>The tool in OpenAI's form, <c>{"type": "function", "function": {"name", "description", "parameters"}}</c>, as chat templates take it.</summary>
    public JsonObject ToJson()
    {
        var function = new JsonObject { ["name"] = Name };
        if (Description is not null)
        {
            function["description"] = Description;
        }

        function["parameters"] = Parameters.DeepClone();
        return new JsonObject { ["type"] = "function", ["function"] = function };
    }

    /// <summary>
    /// Reads a tool in OpenAI's form. Throws <see cref="InvalidRequestException"/> naming the field at fault
    /// (<paramref name="param"/> is the request path of the tool, such as <c>tools[0]</c>).
    /// </summary>
    public static ChatTool FromJson(JsonNode? tool, string param = "tools")
    {
        if (tool is not JsonObject obj)
        {
            throw Invalid(param, "must be an object {\"type\": \"function\", \"function\": {...}}");
        }

        if (obj["type"] is not JsonValue type || type.GetValueKind() != System.Text.Json.JsonValueKind.String || type.GetValue<string>() != "function")
        {
            throw Invalid($"{param}.type", "must be \"function\"");
        }

        if (obj["function"] is not JsonObject function)
        {
            throw Invalid($"{param}.function", "must be an object with a name");
        }

        string name = function["name"] is JsonValue n && n.GetValueKind() == System.Text.Json.JsonValueKind.String
            ? n.GetValue<string>()
            : throw Invalid($"{param}.function.name", "must be a string");
        CheckName(name, $"{param}.function.name");
        string? description = function["description"] switch
        {
            null => null,
            JsonValue d when d.GetValueKind() == System.Text.Json.JsonValueKind.String => d.GetValue<string>(),
            _ => throw Invalid($"{param}.function.description", "must be a string"),
        };
        JsonObject? parameters = function["parameters"] switch
        {
            null => null,
            JsonObject p => (JsonObject)p.DeepClone(),
            _ => throw Invalid($"{param}.function.parameters", "must be a JSON schema object"),
        };
        if (parameters?["type"] is JsonValue t && (t.GetValueKind() != System.Text.Json.JsonValueKind.String || t.GetValue<string>() != "object"))
        {
            throw Invalid($"{param}.function.parameters.type", "must be \"object\": arguments are a JSON object");
        }

        return new ChatTool(name, description, parameters);
    }

    /// <summary>Checks a function name as OpenAI does: <c>^[a-zA-Z0-9_.-]{1,64}$</c>.</summary>
    internal static void CheckName(string name, string param)
    {
        if (name.Length is 0 or > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
        {
            throw Invalid(param, $"'{Truncate(name)}' is not a valid function name (letters, digits, _, - and ., 1 to 64 characters)");
        }
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static InvalidRequestException Invalid(string param, string rule) =>
        new($"{param} {rule}.", "invalid_tools") { Param = param };
}
