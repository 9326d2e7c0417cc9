using LocalMultimodal.Media;
using LocalMultimodal.Tests.Models;

namespace LocalMultimodal.Tests.Colour;

/// <summary>
/// Sizes, layouts, channel order, alpha and encodings. The model answers the palette colour nearest to the
/// mean colour of what libmtmd hands it, so each case pins one step of the media pipeline.
/// </summary>
[Collection(NativeModelsCollection.Name)]
public sealed class ColourImageTests(ColourModelsFixture fixture)
{
    private static readonly (byte R, byte G, byte B) Red = (255, 0, 0);
    private static readonly (byte R, byte G, byte B) Blue = (0, 0, 255);

    /// <summary>
    /// libmtmd resizes to 64² keeping the aspect ratio, so a non-square image includes letterbox bars in the
    /// mean: black for gemma3, (122, 116, 104) for mlp. A 2:1 white image is therefore gray or pink; a pipeline
    /// that stretched or cropped it to a square would answer white.
    /// </summary>
    [Theory]
    [InlineData("gemma3", 16, 16, 0, 255, 0, "green")]
    [InlineData("mlp", 16, 16, 0, 255, 0, "green")]
    [InlineData("gemma3", 200, 200, 0, 0, 255, "blue")]
    [InlineData("mlp", 200, 200, 0, 0, 255, "blue")]
    [InlineData("gemma3", 63, 63, 255, 0, 0, "red")]
    [InlineData("mlp", 63, 63, 255, 0, 0, "red")]
    [InlineData("gemma3", 640, 480, 255, 0, 0, "red")]
    [InlineData("mlp", 640, 480, 255, 0, 0, "red")]
    [InlineData("gemma3", 128, 64, 255, 255, 255, "gray")]
    [InlineData("mlp", 128, 64, 255, 255, 255, "pink")]
    public async Task SolidImageOfAnySize_IsNamedWithLetterboxInTheMean(string projector, int width, int height, byte r, byte g, byte b, string expected)
    {
        var image = ImageInput.FromPixels(width, height, PixelFormat.Rgb24, ColourImages.Solid(width, height, r, g, b));

        Assert.Equal(expected, await fixture.AskAsync(projector, image));
    }

    [Theory]
    [InlineData("gemma3", 64)]
    [InlineData("mlp", 64)]
    [InlineData("gemma3", 256)]
    [InlineData("mlp", 256)]
    public async Task MostlyRedWithSmallBlueSquare_IsRed(string projector, int size)
    {
        // A 16² square at a 64² scale, in the middle, away from the top-left patch mlp never sees.
        int side = size / 4;
        byte[] rgb = ColourImages.Fill(size, size, (x, y) => x >= size / 2 && x < size / 2 + side && y >= size / 2 && y < size / 2 + side ? Blue : Red);

        Assert.Equal("red", await fixture.AskAsync(projector, ImageInput.FromPixels(size, size, PixelFormat.Rgb24, rgb)));
    }

    /// <summary>Mean-colour semantics: a crop or a truncated buffer would answer red or blue.</summary>
    [Theory]
    [InlineData("gemma3", true)]
    [InlineData("mlp", true)]
    [InlineData("gemma3", false)]
    [InlineData("mlp", false)]
    public async Task RedBlueSplit_IsPurple(string projector, bool vertical)
    {
        byte[] rgb = ColourImages.Fill(64, 64, (x, y) => (vertical ? x : y) < 32 ? Red : Blue);

        Assert.Equal("purple", await fixture.AskAsync(projector, ImageInput.FromPixels(64, 64, PixelFormat.Rgb24, rgb)));
    }

    [Theory]
    [InlineData("gemma3")]
    [InlineData("mlp")]
    public async Task BlackWhiteCheckerboard_IsGray(string projector)
    {
        byte[] rgb = ColourImages.Fill(64, 64, (x, y) => (x / 8 + y / 8) % 2 == 0 ? ((byte)0, (byte)0, (byte)0) : ((byte)255, (byte)255, (byte)255));

        Assert.Equal("gray", await fixture.AskAsync(projector, ImageInput.FromPixels(64, 64, PixelFormat.Rgb24, rgb)));
    }

    /// <summary>BGR bytes passed as RGB: the model sees the channels swapped, so red reads as blue.</summary>
    [Theory]
    [InlineData("gemma3", 255, 0, 0, "blue")]
    [InlineData("mlp", 255, 0, 0, "blue")]
    [InlineData("gemma3", 255, 255, 0, "cyan")]
    [InlineData("mlp", 255, 255, 0, "cyan")]
    public async Task BgrBytesPassedAsRgb_AreReadSwapped(string projector, byte r, byte g, byte b, string expected)
    {
        byte[] bgr = ColourImages.SwapRedAndBlue(ColourImages.Solid(64, 64, r, g, b));

        Assert.Equal(expected, await fixture.AskAsync(projector, ImageInput.FromPixels(64, 64, PixelFormat.Rgb24, bgr)));
    }

    /// <summary>The engine composites alpha onto the background (white by default); libmtmd alone would drop it.</summary>
    [Theory]
    [InlineData("gemma3", 0, "white")]
    [InlineData("mlp", 0, "white")]
    [InlineData("gemma3", 128, "pink")]
    [InlineData("mlp", 128, "pink")]
    [InlineData("gemma3", 255, "red")]
    [InlineData("mlp", 255, "red")]
    public async Task RedRgba_IsCompositedOverWhite(string projector, byte alpha, string expected)
    {
        var image = ImageInput.FromPixels(64, 64, PixelFormat.Rgba32, ColourImages.SolidRgba(64, 64, 255, 0, 0, alpha));

        Assert.Equal(expected, await fixture.AskAsync(projector, image));
    }

    [Theory]
    [InlineData("gemma3")]
    [InlineData("mlp")]
    public async Task TransparentRedRgba_IsBlackOverBlackBackground(string projector)
    {
        await using MultimodalEngine engine = await fixture.LoadAsync(projector, options => options.Media.Image.RgbaBackgroundColor = RgbColor.Black);
        byte[] rgba = ColourImages.SolidRgba(64, 64, 255, 0, 0, alpha: 0);

        Assert.Equal("black", await ColourModelsFixture.AskAsync(engine, ImageInput.FromPixels(64, 64, PixelFormat.Rgba32, rgba)));
        Assert.Equal("black", await ColourModelsFixture.AskAsync(engine, ImageInput.FromEncoded(ColourImages.PngRgba(64, 64, rgba))));
    }

    [Theory]
    [InlineData("gemma3", 64, 64, 240, 130, 20, "orange")]
    [InlineData("mlp", 64, 64, 240, 130, 20, "orange")]
    [InlineData("gemma3", 128, 64, 255, 255, 255, "gray")]
    [InlineData("mlp", 128, 64, 255, 255, 255, "pink")]
    [InlineData("gemma3", 63, 63, 110, 30, 130, "purple")]
    [InlineData("mlp", 63, 63, 110, 30, 130, "purple")]
    public async Task Png_AnswersAsItsPixels(string projector, int width, int height, byte r, byte g, byte b, string expected)
    {
        byte[] rgb = ColourImages.Solid(width, height, r, g, b);

        string fromPixels = await fixture.AskAsync(projector, ImageInput.FromPixels(width, height, PixelFormat.Rgb24, rgb));
        string fromPng = await fixture.AskAsync(projector, ImageInput.FromEncoded(ColourImages.Png(width, height, rgb)));

        Assert.Equal(expected, fromPixels);
        Assert.Equal(fromPixels, fromPng);
    }

    /// <summary>Unlike libmtmd's own decoder, which drops alpha, the engine composites an RGBA PNG.</summary>
    [Theory]
    [InlineData("gemma3")]
    [InlineData("mlp")]
    public async Task TransparentRedPng_IsWhite(string projector)
    {
        byte[] png = ColourImages.PngRgba(64, 64, ColourImages.SolidRgba(64, 64, 255, 0, 0, alpha: 0));

        Assert.Equal("white", await fixture.AskAsync(projector, ImageInput.FromEncoded(png)));
    }
}
