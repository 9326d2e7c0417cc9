using System.Text.Json;
using LocalMultimodal.Errors;
using Microsoft.Extensions.AI;

namespace LocalMultimodal.AI.Mapping;

/// <summary>Reads the frame rate a video content asks for from its <c>AdditionalProperties</c>.</summary>
internal static class MediaFps
{
    public static double? Read(AIContent content)
    {
        if (content.AdditionalProperties?.TryGetValue(LocalMultimodalPropertyNames.Fps, out object? value) != true || value is null)
        {
            return null;
        }

        double? fps = value switch
        {
            double d => d,
            float f => f,
            int n => n,
            long n => n,
            decimal m => (double)m,

            // Bound from JSON (e.g. a deserialised history or request), the value is a JsonElement.
            JsonElement { ValueKind: JsonValueKind.Number } json => json.GetDouble(),
            _ => null,
        };
        return fps is { } rate && double.IsFinite(rate) && rate > 0 ? rate : throw new InvalidRequestException(
            $"AdditionalProperties[\"{LocalMultimodalPropertyNames.Fps}\"] on a {content.GetType().Name} must be a number of frames per second above 0.",
            "invalid_media_option") { Param = LocalMultimodalPropertyNames.Fps };
    }
}
