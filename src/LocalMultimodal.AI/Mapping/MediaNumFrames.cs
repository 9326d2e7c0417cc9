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

        return PositiveWholeNumber.From(value) ?? throw new InvalidRequestException(
            $"AdditionalProperties[\"{LocalMultimodalPropertyNames.NumFrames}\"] on a {content.GetType().Name} must be a whole number of at least 1.",
            "invalid_media_option") { Param = LocalMultimodalPropertyNames.NumFrames };
    }
}
