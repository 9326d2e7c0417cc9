using Xunit;

namespace LocalMultimodal.Testing;

/// <summary>
/// The colour demo model's hand-labelled cases (docs: colour-model §5), shared by the engine, chat client and
/// server tests so every surface is held to the same answers.
/// </summary>
public static class ColourCases
{
    /// <summary>The 12 palette colours: red, green, blue (0-255) and the answer.</summary>
    public static IReadOnlyList<(byte R, byte G, byte B, string Answer)> PaletteColours { get; } =
    [
        (0, 0, 0, "black"),
        (255, 255, 255, "white"),
        (128, 128, 128, "gray"),
        (255, 0, 0, "red"),
        (0, 255, 0, "green"),
        (0, 0, 255, "blue"),
        (255, 255, 0, "yellow"),
        (0, 255, 255, "cyan"),
        (255, 0, 255, "magenta"),
        (255, 128, 0, "orange"),
        (128, 0, 128, "purple"),
        (255, 191, 204, "pink"),
    ];

    /// <summary>Off-prototype shades, each nearest to one palette colour by a clear margin.</summary>
    public static IReadOnlyList<(byte R, byte G, byte B, string Answer)> Shades { get; } =
    [
        (200, 30, 40, "red"),
        (30, 180, 60, "green"),
        (20, 40, 200, "blue"),
        (240, 220, 30, "yellow"),
        (245, 245, 240, "white"),
        (20, 20, 25, "black"),
        (110, 120, 115, "gray"),
        (40, 210, 220, "cyan"),
        (220, 40, 200, "magenta"),
        (240, 130, 20, "orange"),
        (110, 30, 130, "purple"),
        (250, 180, 200, "pink"),
    ];

    /// <summary>
    /// Solid images of other sizes through the demo model's gemma3 projector: libmtmd letterboxes to 64² with black
    /// bars, so a 4:3 red image is still red and a 2:1 white one is gray. Theory data: width, height, r, g, b, answer.
    /// </summary>
    public static TheoryData<int, int, byte, byte, byte, string> Sizes() => new()
    {
        { 16, 16, 0, 255, 0, "green" },
        { 200, 200, 0, 0, 255, "blue" },
        { 63, 63, 255, 0, 0, "red" },
        { 45, 45, 0, 255, 255, "cyan" },
        { 640, 480, 255, 0, 0, "red" },
        { 128, 64, 255, 255, 255, "gray" },
    };

    /// <summary>The palette colours as theory data: r, g, b, answer.</summary>
    public static TheoryData<byte, byte, byte, string> Palette() => AsTheoryData(PaletteColours);

    /// <summary>The shades as theory data: r, g, b, answer.</summary>
    public static TheoryData<byte, byte, byte, string> ShadeData() => AsTheoryData(Shades);

    private static TheoryData<byte, byte, byte, string> AsTheoryData(IEnumerable<(byte R, byte G, byte B, string Answer)> cases)
    {
        var data = new TheoryData<byte, byte, byte, string>();
        foreach (var (r, g, b, answer) in cases)
        {
            data.Add(r, g, b, answer);
        }

        return data;
    }
}
