using System.Text.Json;
using System.Text.Json.Nodes;
using LocalMultimodal.Server.Errors;

namespace LocalMultimodal.Server.Endpoints;

/// <summary>A request's <c>chat_template_kwargs</c> over the server's <c>--default-chat-template-kwargs</c>.</summary>
internal static class TemplateKwargs
{
    public static IReadOnlyDictionary<string, object?>? Merge(JsonObject defaults, JsonElement? request)
    {
        var merged = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in defaults)
        {
            merged[name] = value?.DeepClone();
        }

        if (request is { ValueKind: not JsonValueKind.Null } kwargs)
        {
            if (kwargs.ValueKind != JsonValueKind.Object)
            {
                throw ApiException.BadRequest("chat_template_kwargs must be a JSON object.", "chat_template_kwargs");
            }

            foreach (var property in kwargs.EnumerateObject())
            {
                merged[property.Name] = property.Value.Clone();
            }
        }

        return merged.Count == 0 ? null : merged;
    }
}
