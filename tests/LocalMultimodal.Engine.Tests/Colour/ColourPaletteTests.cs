using LocalMultimodal.Media;
using LocalMultimodal.Tests.Models;

namespace LocalMultimodal.Tests.Colour;

/// <summary>Solid images of every palette colour and of off-prototype shades, through both vision projectors.</summary>
[Collection(NativeModelsCollection.Name)]
public sealed class ColourPaletteTests(ColourModelsFixture fixture)
{
    public static TheoryData<string, byte, byte, byte, string> PaletteColours() => WithProjectors(ColourCases.PaletteColours);

    public static TheoryData<string, byte, byte, byte, string> Shades() => WithProjectors(ColourCases.Shades);

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

    private static TheoryData<string, byte, byte, byte, string> WithProjectors(IReadOnlyList<(byte R, byte G, byte B, string Name)> cases)
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
