using System.Text.Json;
using LocalMultimodal.Errors;
using Microsoft.Extensions.AI;

namespace LocalMultimodal.AI.Mapping;

/// <summary>Reads the frame count a video content asks for from its <c>AdditionalProperties</c>.</summary>
internal static class MediaNumFrames
{
    public static int? Read(AIContent content)
    {
        if (content.AdditionalProperties?.TryGetValue(LocalMultimodalPropertyNames.NumFrames, out object? value) != true || value is null)
        {
            return null;
        }

        return value switch
        {
            int n and >= 1 => n,
            long n and >= 1 and <= int.MaxValue => (int)n,

            // Bound from JSON (e.g. a deserialised history), the value is a JsonElement.
            JsonElement { ValueKind: JsonValueKind.Number } json when json.TryGetInt32(out int n) && n >= 1 => n,
            _ => throw new InvalidRequestException(
                $"AdditionalProperties[\"{LocalMultimodalPropertyNames.NumFrames}\"] on a {content.GetType().Name} must be a whole number of at least 1.",
                "invalid_media_option") { Param = LocalMultimodalPropertyNames.NumFrames },
        };
    }
}
