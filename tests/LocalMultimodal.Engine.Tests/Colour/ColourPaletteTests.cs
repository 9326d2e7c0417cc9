using LocalMultimodal.Media;
using LocalMultimodal.Tests.Models;

namespace LocalMultimodal.Tests.Colour;

/// <summary>Solid images of every palette colour and of off-prototype shades, through both vision projectors.</summary>
[Collection(NativeModelsCollection.Name)]
public sealed class ColourPaletteTests(ColourModelsFixture fixture)
{
    public static TheoryData<string, byte, byte, byte, string> PaletteColours() => WithProjectors(
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
    ]);

    public static TheoryData<string, byte, byte, byte, string> Shades() => WithProjectors(
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
    ]);

    [Theory]
    [MemberData(nameof(PaletteColours))]
    public async Task PaletteColour_IsNamed(string projector, byte r, byte g, byte b, string expected)
    {
        var image = ImageInput.FromPixels(64, 64, PixelFormat.Rgb24, ColourImages.Solid(64, 64, r, g, b));

        Assert.Equal(expected, await fixture.AskAsync(projector, image));
    }

    [Theory]
    [MemberData(nameof(Shades))]
    public async Task Shade_IsNamedAfterNearestPaletteColour(string projector, byte r, byte g, byte b, string expected)
    {
        var image = ImageInput.FromPixels(64, 64, PixelFormat.Rgb24, ColourImages.Solid(64, 64, r, g, b));

        Assert.Equal(expected, await fixture.AskAsync(projector, image));
    }

    [Theory]
    [InlineData("gemma3")]
    [InlineData("mlp")]
    public async Task NoImage_AnswersNone(string projector) =>
        Assert.Equal("none", await fixture.AskAsync(projector, media: null));

    private static TheoryData<string, byte, byte, byte, string> WithProjectors((byte R, byte G, byte B, string Name)[] cases)
    {
        var data = new TheoryData<string, byte, byte, byte, string>();
        foreach (string projector in new[] { "gemma3", "mlp" })
        {
            foreach ((byte r, byte g, byte b, string name) in cases)
            {
                data.Add(projector, r, g, b, name);
            }
        }

        return data;
    }
}
