using System.Text.Json;
using System.Text.Json.Nodes;
using LocalMultimodal.Prompts;
using LocalMultimodal.Server.Errors;

namespace LocalMultimodal.Server.Endpoints;

/// <summary>
/// Reads OpenAI's tool fields for the chat template: an assistant message's <c>tool_calls</c> (arguments become
/// JSON objects, as templates expect) and a request's <c>tools</c>.
/// </summary>
internal static class ToolCallReader
{
    public static IReadOnlyList<ChatToolCall>? Read(JsonElement? toolCalls, string param)
    {
        if (toolCalls is not { ValueKind: not JsonValueKind.Null } calls)
        {
            return null;
        }

        if (calls.ValueKind != JsonValueKind.Array)
        {
            throw ApiException.BadRequest($"{param} must be an array of tool calls.", param);
        }

        var read = new List<ChatToolCall>();
        int i = 0;
        foreach (var call in calls.EnumerateArray())
        {
            string at = $"{param}[{i++}]";
            var function = call.ValueKind == JsonValueKind.Object && call.TryGetProperty("function", out var f) && f.ValueKind == JsonValueKind.Object
                ? f
                : throw ApiException.BadRequest($"{at} needs a 'function' object.", $"{at}.function");
            string name = function.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String && n.GetString() is { Length: > 0 } s
                ? s
                : throw ApiException.BadRequest($"{at}.function needs a 'name'.", $"{at}.function.name");
            string id = call.TryGetProperty("id", out var idValue) && idValue.ValueKind == JsonValueKind.String ? idValue.GetString()! : string.Empty;
            read.Add(new ChatToolCall(id, name, Arguments(function, $"{at}.function.arguments")));
        }

        return read;
    }

    /// <summary>The request's <c>tools</c>: null when absent (the template gets None), else an array of objects.</summary>
    public static IReadOnlyList<JsonObject>? ReadTools(JsonElement? tools)
    {
        if (tools is not { ValueKind: not JsonValueKind.Null } list)
        {
            return null;
        }

        if (list.ValueKind != JsonValueKind.Array || list.EnumerateArray().Any(t => t.ValueKind != JsonValueKind.Object))
        {
            throw ApiException.BadRequest("tools must be an array of tool definitions (objects).", "tools");
        }

        return [.. list.EnumerateArray().Select(t => JsonNode.Parse(t.GetRawText())!.AsObject())];
    }

    // OpenAI sends arguments as a JSON string; templates print them with tojson, so they get the object.
    private static JsonObject Arguments(JsonElement function, string param)
    {
        if (!function.TryGetProperty("arguments", out var arguments) || arguments.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        try
        {
            var node = arguments.ValueKind == JsonValueKind.String ? JsonNode.Parse(arguments.GetString()!) : JsonNode.Parse(arguments.GetRawText());
            return node as JsonObject ?? throw new JsonException();
        }
        catch (JsonException)
        {
            throw ApiException.BadRequest($"{param} must be a JSON object (or a string holding one).", param);
        }
    }
}
