using LocalMultimodal.Errors;
using Microsoft.Extensions.AI;

namespace LocalMultimodal.AI.Mapping;

/// <summary>Reads the uuid of a media content from its <c>AdditionalProperties</c>.</summary>
internal static class MediaUuid
{
    public static string? Read(AIContent content)
    {
        if (content.AdditionalProperties?.TryGetValue(LocalMultimodalPropertyNames.Uuid, out object? value) != true || value is null)
        {
            return null;
        }

        return value switch
        {
            // The engine's rule (MediaRules.CheckUuid) judges the string when the media item is built.
            string text => text,
            Guid guid => guid.ToString("D"),

            // Bound from JSON (e.g. by a server or a deserialised history), the value is a JsonElement.
            System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.String } json => json.GetString(),
            _ => throw new InvalidRequestException(
                $"AdditionalProperties[\"{LocalMultimodalPropertyNames.Uuid}\"] on a {content.GetType().Name} must be a string or a Guid.",
                "invalid_uuid") { Param = LocalMultimodalPropertyNames.Uuid },
        };
    }
}
