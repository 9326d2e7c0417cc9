using System.Text.Json;
using LocalMultimodal.Server.Errors;

namespace LocalMultimodal.Server.Endpoints;

/// <summary>
/// A request's own <c>mm_processor_kwargs</c> (vLLM's per-request processor options). The engine takes the image pixel
/// budget, <c>max_pixels</c> and <c>min_pixels</c>, which a dynamic-resolution projector (the Qwen-VL family) resizes
/// each image into; any other key is refused by name rather than ignored.
/// </summary>
internal static class RequestProcessorKwargs
{
    private const string Field = "mm_processor_kwargs";
    private const string Code = "invalid_mm_processor_kwargs";

    /// <summary>The request's pixel budget; both null when it sets none.</summary>
    public static (int? MinPixels, int? MaxPixels) ReadPixelBudget(JsonElement? kwargs)
    {
        if (kwargs is not { ValueKind: not JsonValueKind.Null } value)
        {
            return (null, null);
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.BadRequest($"{Field} must be an object of processor options, such as {{\"max_pixels\": 200704}}.", Field, Code);
        }

        int? min = null;
        int? max = null;
        foreach (var option in value.EnumerateObject())
        {
            string key = $"{Field}.{option.Name}";
            switch (option.Name)
            {
                case "min_pixels":
                    min = Pixels(option.Value, key);
                    break;
                case "max_pixels":
                    max = Pixels(option.Value, key);
                    break;
                default:
                    throw ApiException.BadRequest($"{key} is not supported; {Field} takes max_pixels and min_pixels.", key, Code);
            }
        }

        if (min is { } least && max is { } most && least > most)
        {
            throw ApiException.BadRequest($"{Field}.min_pixels ({least}) is above {Field}.max_pixels ({most}); no size meets both.", $"{Field}.min_pixels", Code);
        }

        return (min, max);
    }

    private static int Pixels(JsonElement value, string key) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int pixels) && pixels >= 1
            ? pixels
            : throw ApiException.BadRequest($"{key} must be a whole number of pixels from 1 to {int.MaxValue}.", key, Code);
}
