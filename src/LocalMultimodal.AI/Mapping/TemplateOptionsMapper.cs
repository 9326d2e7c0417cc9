using System.Text.Json;
using System.Text.Json.Nodes;
using LocalMultimodal.Errors;
using LocalMultimodal.Prompts;
using Microsoft.Extensions.AI;

namespace LocalMultimodal.AI.Mapping;

/// <summary>Reads <see cref="LocalMultimodalPropertyNames.ChatTemplateKwargs"/> from <see cref="ChatOptions"/> for the chat template.</summary>
internal static class TemplateOptionsMapper
{
    public static ChatTemplateOptions? Map(ChatOptions? options)
    {
        if (options?.AdditionalProperties is not { } properties
            || !properties.TryGetValue(LocalMultimodalPropertyNames.ChatTemplateKwargs, out object? raw)
            || raw is null)
        {
            return null;
        }

        IReadOnlyDictionary<string, object?> kwargs = raw switch
        {
            JsonObject json => json.ToDictionary(p => p.Key, p => (object?)p.Value?.DeepClone(), StringComparer.Ordinal),
            JsonElement { ValueKind: JsonValueKind.Object } json => json.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone(), StringComparer.Ordinal),
            IEnumerable<KeyValuePair<string, object?>> pairs => pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            _ => throw new InvalidRequestException(
                $"ChatOptions.AdditionalProperties[\"{LocalMultimodalPropertyNames.ChatTemplateKwargs}\"] must be a dictionary or a JSON object, was {raw.GetType().Name}.",
                "invalid_chat_template_kwargs") { Param = LocalMultimodalPropertyNames.ChatTemplateKwargs },
        };
        return new ChatTemplateOptions { TemplateKwargs = kwargs };
    }
}
