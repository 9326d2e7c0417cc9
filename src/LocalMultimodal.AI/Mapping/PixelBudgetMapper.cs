using System.Text.Json;
using LocalMultimodal.Errors;
using LocalMultimodal.Media;
using Microsoft.Extensions.AI;

namespace LocalMultimodal.AI.Mapping;

/// <summary>
/// Reads the request's image pixel budget (<see cref="LocalMultimodalPropertyNames.MaxPixels"/>,
/// <see cref="LocalMultimodalPropertyNames.MinPixels"/>) from <see cref="ChatOptions.AdditionalProperties"/> and gives
/// it to each image that has none of its own.
/// </summary>
internal static class PixelBudgetMapper
{
    public static (int? MinPixels, int? MaxPixels) Read(ChatOptions? options) =>
        (Pixels(options, LocalMultimodalPropertyNames.MinPixels), Pixels(options, LocalMultimodalPropertyNames.MaxPixels));

    /// <summary>The item with the request's budget, when it is an image without a budget of its own.</summary>
    public static MediaInput Apply(MediaInput media, (int? MinPixels, int? MaxPixels) budget) =>
        media is ImageInput { MinPixels: null, MaxPixels: null } image && (budget.MinPixels is not null || budget.MaxPixels is not null)
            ? image.WithPixelBudget(budget.MinPixels, budget.MaxPixels)
            : media;

    private static int? Pixels(ChatOptions? options, string key)
    {
        if (options?.AdditionalProperties?.TryGetValue(key, out object? value) != true || value is null)
        {
            return null;
        }

        return value switch
        {
            int n and >= 1 => n,
            long n and >= 1 and <= int.MaxValue => (int)n,

            // Bound from JSON (e.g. options read from a request), the value is a JsonElement.
            JsonElement { ValueKind: JsonValueKind.Number } json when json.TryGetInt32(out int n) && n >= 1 => n,
            _ => throw new InvalidRequestException(
                $"ChatOptions.AdditionalProperties[\"{key}\"] must be a whole number of pixels from 1 to {int.MaxValue}, was '{value}'.",
                PixelBudgetCode) { Param = key },
        };
    }

    // The engine's own code for a budget that cannot be met, so callers see one code for both.
    private const string PixelBudgetCode = "invalid_pixel_budget";
}
