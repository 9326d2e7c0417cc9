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

        return PositiveWholeNumber.From(value) ?? throw new InvalidRequestException(
            $"ChatOptions.AdditionalProperties[\"{key}\"] must be a whole number of pixels from 1 to {int.MaxValue}, was '{value}'.",
            PixelBudgetCode) { Param = key };
    }

    // The engine's own code for a budget that cannot be met, so callers see one code for both.
    private const string PixelBudgetCode = "invalid_pixel_budget";
}
