using LocalMultimodal.Server.Tests.Infrastructure;
using static LocalMultimodal.Server.Tests.Infrastructure.Api;

namespace LocalMultimodal.Server.Tests.Colour;

/// <summary>
/// Images through <c>/v1/chat/completions</c> on the built-in demo model, which answers the palette colour nearest to
/// the mean colour it is given: colours, sizes and alpha each have a right answer.
/// </summary>
[Collection(ColourServerCollection.Name)]
public sealed class ColourImageCompletionTests(ColourServerFixture fixture)
{
    [Theory]
    [MemberData(nameof(ColourCases.Palette), MemberType = typeof(ColourCases))]
    public async Task PaletteColour_IsNamed(byte r, byte g, byte b, string expected)
    {
        Assert.Equal(expected, await AskPngAsync(64, 64, ColourImages.Solid(64, 64, r, g, b)));
    }

    [Theory]
    [MemberData(nameof(ColourCases.ShadeData), MemberType = typeof(ColourCases))]
    public async Task Shade_IsNamedAsTheNearestColour(byte r, byte g, byte b, string expected)
    {
        Assert.Equal(expected, await AskPngAsync(64, 64, ColourImages.Solid(64, 64, r, g, b)));
    }

    /// <summary>
    /// libmtmd resizes to 64² keeping the aspect ratio, with black bars for this projector: a 4:3 red image is still
    /// red, and a 2:1 white one is gray (half of it is bars). A pipeline that stretched or cropped would answer white.
    /// </summary>
    [Theory]
    [MemberData(nameof(ColourCases.Sizes), MemberType = typeof(ColourCases))]
    public async Task ImageOfAnySize_IsNamedWithTheLetterboxInTheMean(int width, int height, byte r, byte g, byte b, string expected)
    {
        Assert.Equal(expected, await AskPngAsync(width, height, ColourImages.Solid(width, height, r, g, b)));
    }

    [Fact]
    public async Task MostlyRedWithASmallBlueSquare_IsRed()
    {
        byte[] rgb = ColourImages.Fill(64, 64, (x, y) => x is >= 32 and < 48 && y is >= 32 and < 48 ? ((byte)0, (byte)0, (byte)255) : ((byte)255, (byte)0, (byte)0));

        Assert.Equal("red", await AskPngAsync(64, 64, rgb));
    }

    /// <summary>Alpha is composited onto the server's background, white by default: libmtmd alone would drop it and say red.</summary>
    [Theory]
    [InlineData(0, "white")]
    [InlineData(128, "pink")]
    [InlineData(255, "red")]
    public async Task RedPngWithAlpha_IsCompositedOverWhite(byte alpha, string expected)
    {
        byte[] png = ColourImages.PngRgba(64, 64, ColourImages.SolidRgba(64, 64, 255, 0, 0, alpha));

        Assert.Equal(expected, await fixture.Client.AskAsync(Text("What colour is this?"), ImageUrl(TestMedia.DataUrl(png, "image/png"))));
    }

    private Task<string> AskPngAsync(int width, int height, byte[] rgb) =>
        fixture.Client.AskAsync(Text("What colour is this?"), ImageUrl(TestMedia.DataUrl(ColourImages.Png(width, height, rgb), "image/png")));
}
