using System.Text.Json;
using System.Text.Json.Nodes;
using LocalMultimodal.Errors;
using LocalMultimodal.Prompts;
using LocalMultimodal.Tools;
using Microsoft.Extensions.AI;

namespace LocalMultimodal.AI.Mapping;

/// <summary>
/// Reads what the chat template gets from <see cref="ChatOptions"/>: the tools (<see cref="AIFunctionDeclaration"/>s,
/// with their JSON schemas), <see cref="ChatOptions.ToolMode"/>, <see cref="ChatOptions.AllowMultipleToolCalls"/> and
/// <see cref="LocalMultimodalPropertyNames.ChatTemplateKwargs"/>.
/// </summary>
internal static class TemplateOptionsMapper
{
    public static ChatTemplateOptions? Map(ChatOptions? options)
    {
        var kwargs = Kwargs(options);
        var tools = Tools(options);
        if (kwargs is null && tools is null && options?.ToolMode is null)
        {
            return null;
        }

        return new ChatTemplateOptions
        {
            TemplateKwargs = kwargs,
            Tools = tools,
            ToolChoice = ToolChoiceOf(options!.ToolMode),
            ParallelToolCalls = options.AllowMultipleToolCalls ?? true,
        };
    }

    private static List<JsonObject>? Tools(ChatOptions? options)
    {
        if (options?.Tools is not { Count: > 0 } tools)
        {
            return null;
        }

        return [.. tools.Select(tool => tool is AIFunctionDeclaration function
            ? new ChatTool(function.Name, string.IsNullOrEmpty(function.Description) ? null : function.Description, JsonNode.Parse(function.JsonSchema.GetRawText()) as JsonObject).ToJson()
            : throw new NotSupportedException(
                $"The tool '{tool.Name}' ({tool.GetType().Name}) cannot be used: the engine calls functions (AIFunction, AIFunctionDeclaration) only."))];
    }

    private static ToolChoice? ToolChoiceOf(ChatToolMode? mode) => mode switch
    {
        null => null,
        NoneChatToolMode => ToolChoice.None,
        AutoChatToolMode => ToolChoice.Auto,
        RequiredChatToolMode { RequiredFunctionName: { } name } => ToolChoice.Function(name),
        RequiredChatToolMode => ToolChoice.Required,
        _ => throw new NotSupportedException($"ToolMode {mode.GetType().Name} is not supported: use Auto, None, RequireAny or RequireSpecific."),
    };

    private static IReadOnlyDictionary<string, object?>? Kwargs(ChatOptions? options)
    {
        if (options?.AdditionalProperties is not { } properties
            || !properties.TryGetValue(LocalMultimodalPropertyNames.ChatTemplateKwargs, out object? raw)
            || raw is null)
        {
            return null;
        }

        return raw switch
        {
            JsonObject json => json.ToDictionary(p => p.Key, p => (object?)p.Value?.DeepClone(), StringComparer.Ordinal),
            JsonElement { ValueKind: JsonValueKind.Object } json => json.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone(), StringComparer.Ordinal),
            IEnumerable<KeyValuePair<string, object?>> pairs => pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            _ => throw new InvalidRequestException(
                $"ChatOptions.AdditionalProperties[\"{LocalMultimodalPropertyNames.ChatTemplateKwargs}\"] must be a dictionary or a JSON object, was {raw.GetType().Name}.",
                "invalid_chat_template_kwargs") { Param = LocalMultimodalPropertyNames.ChatTemplateKwargs },
        };
    }
}
