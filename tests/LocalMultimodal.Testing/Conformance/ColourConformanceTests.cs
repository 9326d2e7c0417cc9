using Xunit;

namespace LocalMultimodal.Testing.Conformance;

/// <summary>
/// The colour demo model's answers, one suite for every surface: the engine, the chat client and the server over
/// HTTP each derive a class that says how to ask (<see cref="AskAsync"/>), and every scenario here runs on each. The
/// model names an image's mean colour and hears audio as silence, low or high, so each check asserts the word a user
/// would check. Scenarios that only one surface can express (raw pixels, its own URL routes) stay with that surface.
/// </summary>
public abstract class ColourConformanceTests
{
    protected const string ColourQuestion = "What colour is this?";
    protected const string SoundQuestion = "Is this sound high or low?";

    /// <summary>Image tokens per image of the demo model's projector (a 64² image in 16 patches).</summary>
    protected const int TokensPerImage = 16;

    private static readonly Lazy<byte[]> RedMp4 = new(() =>
    {
        using var folder = new TempFolder();
        return File.ReadAllBytes(FfmpegMedia.SolidMp4(folder.Path, "red"));
    });

    /// <summary>
    /// Whether the projector letterboxes non-square images to a square (gemma3, with black bars counted in the
    /// mean) or keeps their aspect ratio (the Qwen-VL family's dynamic resolution, so a 2:1 white image is white).
    /// </summary>
    protected virtual bool Letterboxes => true;

    /// <summary>
    /// Asks greedily with the question and the media and returns the answer. The model ends its turn right after the
    /// word, so an implementation asserts the surface's own "stop" finish reason.
    /// </summary>
    protected abstract Task<SurfaceAnswer> AskAsync(string question, params SurfaceMedia[] media);

    /// <summary>As <see cref="AskAsync"/>, on the surface configured to composite alpha over black instead of white.</summary>
    protected abstract Task<SurfaceAnswer> AskOverABlackBackgroundAsync(string question, SurfaceMedia media);

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
        string withoutBars = ColourCases.PaletteColours.First(c => (c.R, c.G, c.B) == (r, g, b)).Answer;
        Assert.Equal(Letterboxes ? expected : withoutBars, await AskPngAsync(width, height, ColourImages.Solid(width, height, r, g, b)));
    }

    [Fact]
    public async Task MostlyRedWithASmallBlueSquare_IsRed()
    {
        byte[] rgb = ColourImages.Fill(64, 64, (x, y) => x is >= 32 and < 48 && y is >= 32 and < 48 ? ((byte)0, (byte)0, (byte)255) : ((byte)255, (byte)0, (byte)0));

        Assert.Equal("red", await AskPngAsync(64, 64, rgb));
    }

    /// <summary>The model averages every image of the prompt: red and blue make purple, and each image is counted.</summary>
    [Fact]
    public async Task RedAndBlueImagesInOneQuestion_ArePurple_AndBothCounted()
    {
        SurfaceAnswer answer = await AskAsync(ColourQuestion, SurfaceMedia.Png(ColourImages.SolidPng(64, 64, 255, 0, 0)), SurfaceMedia.Png(ColourImages.SolidPng(64, 64, 0, 0, 255)));

        Assert.Equal("purple", answer.Text);
        Assert.Equal(2 * TokensPerImage, answer.ImageTokens);
    }

    /// <summary>Alpha is composited onto the background, white by default: libmtmd alone would drop it and say red.</summary>
    [Theory]
    [InlineData(0, "white")]
    [InlineData(128, "pink")]
    [InlineData(255, "red")]
    public async Task RedPngWithAlpha_IsCompositedOverWhite(byte alpha, string expected)
    {
        byte[] png = ColourImages.PngRgba(64, 64, ColourImages.SolidRgba(64, 64, 255, 0, 0, alpha));

        Assert.Equal(expected, (await AskAsync(ColourQuestion, SurfaceMedia.Png(png))).Text);
    }

    [Fact]
    public async Task TransparentPng_IsBlack_OverABlackBackground()
    {
        byte[] png = ColourImages.PngRgba(64, 64, ColourImages.SolidRgba(64, 64, 255, 0, 0, alpha: 0));

        Assert.Equal("black", (await AskOverABlackBackgroundAsync(ColourQuestion, SurfaceMedia.Png(png))).Text);
    }

    /// <summary>Read at the wrong rate, 3 kHz at 44.1 kHz would be heard near 1.1 kHz: "low".</summary>
    [Theory]
    [InlineData(3000, 44_100, 2, "high")]
    [InlineData(440, 44_100, 2, "low")]
    [InlineData(3000, 16_000, 1, "high")]
    [InlineData(300, 16_000, 1, "low")]
    public async Task ToneWav_IsHeardHighOrLow(double frequency, int sampleRate, int channels, string expected)
    {
        SurfaceAnswer answer = await AskAsync(SoundQuestion, SurfaceMedia.Wav(Wavs.Tone(frequency, sampleRate, channels)));

        Assert.Equal(expected, answer.Text);
        Assert.True(answer.AudioTokens > 0, $"audio tokens: {answer.AudioTokens}");
        Assert.Equal(0, answer.ImageTokens);
    }

    [Fact]
    public async Task SilentWav_IsSilence()
    {
        Assert.Equal("silence", (await AskAsync(SoundQuestion, SurfaceMedia.Wav(Wavs.Silence(44_100, channels: 2)))).Text);
    }

    [Fact]
    public async Task TextOnly_IsNone_WithNoMediaTokens()
    {
        SurfaceAnswer answer = await AskAsync(ColourQuestion);

        Assert.Equal("none", answer.Text);
        Assert.Equal((0, 0), (answer.ImageTokens, answer.AudioTokens));
        Assert.True(answer.PromptTokens > 0, $"prompt tokens: {answer.PromptTokens}");
    }

    [Fact]
    public async Task OneImage_IsCountedAsItsImageTokens()
    {
        SurfaceAnswer answer = await AskAsync(ColourQuestion, SurfaceMedia.Png(ColourImages.SolidPng(64, 64, 0, 255, 0)));

        Assert.Equal("green", answer.Text);
        Assert.Equal(TokensPerImage, answer.ImageTokens);
        Assert.True(answer.PromptTokens > TokensPerImage, $"prompt tokens: {answer.PromptTokens}");
    }

    /// <summary>
    /// Every sampled frame of a red video is red, and its tokens are whole images' worth: one image per frame, or on
    /// the Qwen-VL family one per temporal patch (a pair of frames, as llama.cpp's video path lays it out).
    /// </summary>
    [Fact]
    public async Task RedVideo_IsRed_WithItsFramesAsImageTokens()
    {
        SurfaceAnswer answer = await AskAsync(ColourQuestion, SurfaceMedia.Mp4(RedMp4.Value));

        Assert.Equal("red", answer.Text);
        Assert.True(answer.ImageTokens >= 2 * TokensPerImage && answer.ImageTokens % TokensPerImage == 0, $"image tokens: {answer.ImageTokens}");
    }

    [Fact]
    public async Task UuidOnlyRepeat_AnswersAsTheFirstRequest()
    {
        string uuid = $"purple-{Guid.NewGuid():N}";
        byte[] png = ColourImages.SolidPng(64, 64, 110, 30, 130);

        SurfaceAnswer first = await AskAsync(ColourQuestion, SurfaceMedia.Png(png, uuid));
        SurfaceAnswer repeat = await AskAsync("And this one?", SurfaceMedia.ImageReference(uuid));

        Assert.Equal("purple", first.Text);
        Assert.Equal("purple", repeat.Text);
    }

    private async Task<string> AskPngAsync(int width, int height, byte[] rgb) =>
        (await AskAsync(ColourQuestion, SurfaceMedia.Png(ColourImages.Png(width, height, rgb)))).Text;
}
