using System.Text.Json;
using LocalMultimodal.Server.Errors;
using LocalMultimodal.Tools;

namespace LocalMultimodal.Server.Endpoints;

/// <summary>Reads OpenAI's <c>tool_choice</c>: <c>"auto"</c>, <c>"none"</c>, <c>"required"</c> or a named function.</summary>
internal static class ToolChoiceReader
{
    public static ToolChoice? Read(JsonElement? value)
    {
        if (value is not { ValueKind: not JsonValueKind.Null } choice)
        {
            return null;
        }

        if (choice.ValueKind == JsonValueKind.String)
        {
            return choice.GetString() switch
            {
                "auto" => ToolChoice.Auto,
                "none" => ToolChoice.None,
                "required" => ToolChoice.Required,
                var other => throw ApiException.BadRequest(
                    $"tool_choice '{other}' is not one of auto, none, required, or {{\"type\": \"function\", \"function\": {{\"name\": ...}}}}.", "tool_choice"),
            };
        }

        if (choice.ValueKind == JsonValueKind.Object
            && choice.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "function"
            && choice.TryGetProperty("function", out var function) && function.ValueKind == JsonValueKind.Object
            && function.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(name.GetString()))
        {
            return ToolChoice.Function(name.GetString()!);
        }

        throw ApiException.BadRequest(
            "tool_choice must be \"auto\", \"none\", \"required\" or {\"type\": \"function\", \"function\": {\"name\": ...}}.", "tool_choice");
    }
}
