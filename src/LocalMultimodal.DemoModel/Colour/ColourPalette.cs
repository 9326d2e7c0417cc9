namespace LocalMultimodal.Models;

/// <summary>
/// The answers of the colour model. An image's answer is the colour whose prototype is nearest (plain Euclidean
/// distance in sRGB) to the image's mean colour; the decision regions are the Voronoi cells of these points.
/// Brown is missing on purpose: in plain RGB distance it captures crimson (200, 30, 40).
/// </summary>
internal static class ColourPalette
{
    public static readonly IReadOnlyList<PaletteColour> Colours =
    [
        new("black", 0f, 0f, 0f),
        new("white", 1f, 1f, 1f),
        new("gray", 0.5f, 0.5f, 0.5f),
        new("red", 1f, 0f, 0f),
        new("green", 0f, 1f, 0f),
        new("blue", 0f, 0f, 1f),
        new("yellow", 1f, 1f, 0f),
        new("cyan", 0f, 1f, 1f),
        new("magenta", 1f, 0f, 1f),
        new("orange", 1f, 0.5f, 0f),
        new("purple", 0.5f, 0f, 0.5f),
        new("pink", 1f, 0.75f, 0.8f),
    ];

    /// <summary>The answer without any image in the context.</summary>
    public const string None = "none";

    /// <summary>The answer for digitally silent audio.</summary>
    public const string Silence = "silence";

    /// <summary>The answer for audio whose energy is mostly below mel bin 64 (about 1.75 kHz).</summary>
    public const string Low = "low";

    /// <summary>The answer for audio whose energy is mostly above mel bin 64.</summary>
    public const string High = "high";

    /// <summary>Every answer word: the colours, then <c>none</c>, <c>silence</c>, <c>low</c> and <c>high</c>.</summary>
    public static IEnumerable<string> AnswerWords =>
        Colours.Select(c => c.Name).Concat([None, Silence, Low, High]);
}
