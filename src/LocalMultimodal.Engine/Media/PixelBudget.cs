using LocalMultimodal.Errors;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace LocalMultimodal.Media;

/// <summary>
/// A per-image visual token budget for dynamic-resolution projectors (the Qwen-VL family), applied the way the
/// Qwen2-VL image processor's <c>smart_resize</c> does: each side rounded to a multiple of the projector's factor
/// (patch size × spatial merge), then scaled so width × height lies within [min, max] pixels. One token covers
/// factor × factor pixels, so the budget sets the token count.
/// </summary>
internal static class PixelBudget
{
    /// <summary>The code of a budget that cannot be met.</summary>
    public const string InvalidCode = "invalid_pixel_budget";

    public const string MinField = "min_pixels";

    public const string MaxField = "max_pixels";

    /// <summary>
    /// Checks the budget: each bound at least 1, min not above max, and (for a projector with
    /// <paramref name="factor"/> &gt; 0) max at least one token's pixels, which <c>smart_resize</c> never goes below.
    /// </summary>
    public static void Check(int? minPixels, int? maxPixels, int factor)
    {
        if (minPixels is < 1)
        {
            throw Invalid($"{MinField} must be at least 1 (it is {minPixels}).", MinField);
        }

        if (maxPixels is < 1)
        {
            throw Invalid($"{MaxField} must be at least 1 (it is {maxPixels}).", MaxField);
        }

        if (minPixels is { } min && maxPixels is { } max && min > max)
        {
            throw Invalid($"{MinField} ({min}) is above {MaxField} ({max}); no size meets both.", MinField);
        }

        if (factor > 0 && maxPixels is { } most && most < factor * factor)
        {
            throw Invalid(
                $"{MaxField} ({most}) is below one image token of this projector ({factor}x{factor} = {factor * factor} pixels); no image fits it.",
                MaxField);
        }
    }

    /// <summary>The (width, height) <c>smart_resize</c> gives an image of this size within the budget.</summary>
    public static (int Width, int Height) Fit(int width, int height, int factor, int? minPixels, int? maxPixels)
    {
        long min = minPixels ?? 0;
        long max = maxPixels ?? long.MaxValue;
        long h = Math.Max(factor, RoundToEven(height, factor));
        long w = Math.Max(factor, RoundToEven(width, factor));
        if (h * w > max)
        {
            double beta = Math.Sqrt((double)height * width / max);
            h = Math.Max(factor, (long)Math.Floor(height / beta / factor) * factor);
            w = Math.Max(factor, (long)Math.Floor(width / beta / factor) * factor);
        }
        else if (h * w < min)
        {
            double beta = Math.Sqrt(min / ((double)height * width));
            h = (long)Math.Ceiling(height * beta / factor) * factor;
            w = (long)Math.Ceiling(width * beta / factor) * factor;
        }

        return ((int)Math.Min(w, int.MaxValue), (int)Math.Min(h, int.MaxValue));
    }

    /// <summary>The image resized into the budget (bicubic, like the Qwen-VL processors), or itself when it already fits.</summary>
    public static PreparedImage Apply(PreparedImage image, int factor, int? minPixels, int? maxPixels, ImageMediaOptions limits)
    {
        var (width, height) = Fit(image.Width, image.Height, factor, minPixels, maxPixels);
        if (width == image.Width && height == image.Height)
        {
            return image;
        }

        // min_pixels can ask for an upscale: the result must still fit the engine's image limits.
        if (width > limits.MaxWidth || height > limits.MaxHeight || (long)width * height > limits.MaxPixels)
        {
            throw Invalid(
                $"{MinField} would resize the image to {width}x{height}, beyond the limit of {limits.MaxWidth}x{limits.MaxHeight} and {limits.MaxPixels} pixels.",
                MinField);
        }

        using var source = Image.LoadPixelData<Rgb24>(image.Rgb, image.Width, image.Height);
        source.Mutate(x => x.Resize(width, height, KnownResamplers.Bicubic));
        var rgb = new byte[(long)width * height * 3];
        source.CopyPixelDataTo(rgb);
        return new PreparedImage(width, height, rgb);
    }

    /// <summary>
    /// What the budget adds to a uuid's cache key: an image sent by uuid with one budget must never be served the
    /// encoding made under another. Null when the budget changes nothing (no budget, or a fixed-size projector).
    /// </summary>
    public static string? Variant(int? minPixels, int? maxPixels, int factor) =>
        factor > 0 && (minPixels is not null || maxPixels is not null) ? $"pixels={minPixels}-{maxPixels}" : null;

    // Python's round() rounds halves to even; the processor's round_by_factor uses it.
    private static long RoundToEven(int value, int factor) =>
        (long)Math.Round((double)value / factor, MidpointRounding.ToEven) * factor;

    private static InvalidRequestException Invalid(string message, string field) => new(message, InvalidCode) { Param = field };
}
