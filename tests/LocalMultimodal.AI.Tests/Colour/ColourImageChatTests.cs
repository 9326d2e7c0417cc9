using LocalMultimodal.Media;
using Microsoft.Extensions.AI;

namespace LocalMultimodal.AI.Tests.Colour;

/// <summary>
/// Images through the <see cref="IChatClient"/> on the demo model, which answers the palette colour nearest to the
/// mean colour it is given: colours, sizes, channel order and alpha each have a right answer.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class ColourImageChatTests(DemoModelFixture demo) : IDisposable
{
    private const string Question = "What colour is this?";
    private readonly IChatClient _client = demo.Engine.AsIChatClient();

    public void Dispose() => _client.Dispose();

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
    public async Task BgrBytesOfRed_PassedAsRgbPixels_AreBlue()
    {
        byte[] bgr = ColourImages.SwapRedAndBlue(ColourImages.Solid(64, 64, 255, 0, 0));

        string answer = await DemoModelFixture.AskAsync(_client, Question, new MediaInputContent(ImageInput.FromPixels(64, 64, PixelFormat.Rgb24, bgr)));

        Assert.Equal("blue", answer);
    }

    [Fact]
    public async Task MostlyRedWithASmallBlueSquare_IsRed()
    {
        byte[] rgb = ColourImages.Fill(64, 64, (x, y) => x is >= 32 and < 48 && y is >= 32 and < 48 ? ((byte)0, (byte)0, (byte)255) : ((byte)255, (byte)0, (byte)0));

        Assert.Equal("red", await AskPngAsync(64, 64, rgb));
    }

    /// <summary>Alpha is composited onto the engine's background, white by default: libmtmd alone would drop it and say red.</summary>
    [Theory]
    [InlineData(0, "white")]
    [InlineData(128, "pink")]
    [InlineData(255, "red")]
    public async Task RedPngWithAlpha_IsCompositedOverWhite(byte alpha, string expected)
    {
        byte[] png = ColourImages.PngRgba(64, 64, ColourImages.SolidRgba(64, 64, 255, 0, 0, alpha));

        Assert.Equal(expected, await DemoModelFixture.AskAsync(_client, Question, new DataContent(png, "image/png")));
    }

    [Fact]
    public async Task TransparentPng_IsBlack_OverABlackBackground()
    {
        var options = demo.EngineOptions();
        options.Media.Image.RgbaBackgroundColor = RgbColor.Black;
        await using var engine = await MultimodalEngine.LoadAsync(options);
        using var client = engine.AsIChatClient();
        byte[] png = ColourImages.PngRgba(64, 64, ColourImages.SolidRgba(64, 64, 255, 0, 0, alpha: 0));

        Assert.Equal("black", await DemoModelFixture.AskAsync(client, Question, new DataContent(png, "image/png")));
    }

    private Task<string> AskPngAsync(int width, int height, byte[] rgb) =>
        DemoModelFixture.AskAsync(_client, Question, new DataContent(ColourImages.Png(width, height, rgb), "image/png"));
}
