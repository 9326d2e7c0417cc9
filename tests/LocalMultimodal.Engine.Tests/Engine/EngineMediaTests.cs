using LocalMultimodal.Media;
using LocalMultimodal.Models;
using LocalMultimodal.Tests.Models;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace LocalMultimodal.Tests.Engine;

/// <summary>Media reach the model, and every input form of the same content gives the same tokens.</summary>
[Collection(NativeModelsCollection.Name)]
public sealed class EngineMediaTests(NativeModelsFixture fixture)
{
    [Theory]
    [InlineData(ProjectorKind.Gemma3)]
    [InlineData(ProjectorKind.Mlp)]
    [InlineData(ProjectorKind.Idefics3)]
    [InlineData(ProjectorKind.Omni)]
    public async Task DifferentImages_GiveDifferentTokens_TheSameImageTheSame(ProjectorKind kind)
    {
        await using var engine = await EngineFactory.LoadAsync(fixture, kind);
        var gradient = Rgb(ColourImages.Gradient(64, 64));

        var first = await EngineFactory.GreedyTokensAsync(engine, gradient);
        var again = await EngineFactory.GreedyTokensAsync(engine, gradient);
        var other = await EngineFactory.GreedyTokensAsync(engine, Rgb(ColourImages.Checkerboard(64, 64)));

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Theory]
    [InlineData(ProjectorKind.Qwen2Audio)]
    [InlineData(ProjectorKind.Ultravox)]
    [InlineData(ProjectorKind.Omni)]
    public async Task DifferentAudio_GiveDifferentTokens_TheSameClipTheSame(ProjectorKind kind)
    {
        // 30 s signals: shorter clips are zero-padded to 31 s and the padding dominates random weights.
        await using var engine = await EngineFactory.LoadAsync(fixture, kind);
        var sine = AudioInput.FromSamples(Tones.Sine(440, Tones.SpeechSampleRate, 30), Tones.SpeechSampleRate);

        var first = await EngineFactory.GreedyTokensAsync(engine, sine);
        var again = await EngineFactory.GreedyTokensAsync(engine, sine);
        var other = await EngineFactory.GreedyTokensAsync(engine, AudioInput.FromSamples(Tones.Noise(Tones.SpeechSampleRate, 30), Tones.SpeechSampleRate));

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task TransparentImageOverBlack_EqualsTheSameImageCompositedOntoBlack_AndDiffersFromTheWhiteDefault()
    {
        byte[] rgba = TranslucentGradient(64, 64);
        var translucent = ImageInput.FromPixels(64, 64, PixelFormat.Rgba32, rgba);
        var composited = Rgb(CompositeOntoBlack(rgba));

        await using (var black = await EngineFactory.LoadAsync(fixture, ProjectorKind.Gemma3, o => o.Media.Image.RgbaBackgroundColor = RgbColor.Black))
        {
            Assert.Equal(await EngineFactory.GreedyTokensAsync(black, composited), await EngineFactory.GreedyTokensAsync(black, translucent));
        }

        await using var white = await EngineFactory.LoadAsync(fixture, ProjectorKind.Gemma3);
        Assert.NotEqual(await EngineFactory.GreedyTokensAsync(white, composited), await EngineFactory.GreedyTokensAsync(white, translucent));
    }

    [Fact]
    public async Task PngBytes_EqualTheSameRawPixels()
    {
        byte[] rgb = ColourImages.Gradient(64, 48);
        using var image = Image.LoadPixelData<Rgb24>(rgb, 64, 48);
        using var png = new MemoryStream();
        image.SaveAsPng(png);
        await using var engine = await EngineFactory.LoadAsync(fixture, ProjectorKind.Gemma3);

        var fromPng = await EngineFactory.GreedyTokensAsync(engine, ImageInput.FromEncoded(png.ToArray()));
        var fromPixels = await EngineFactory.GreedyTokensAsync(engine, ImageInput.FromPixels(64, 48, PixelFormat.Rgb24, rgb));
        var fromImage = await EngineFactory.GreedyTokensAsync(engine, ImageInput.FromImage(image));

        Assert.Equal(fromPixels, fromPng);
        Assert.Equal(fromPixels, fromImage);
    }

    [Fact]
    public async Task StereoWithIdenticalChannels_EqualsMono_AndBothLayoutsAgree()
    {
        float[] mono = Tones.Sine(300, Tones.SpeechSampleRate, 2);
        var timeMajor = new float[mono.Length, 2];
        var channelMajor = new float[2, mono.Length];
        for (int i = 0; i < mono.Length; i++)
        {
            timeMajor[i, 0] = timeMajor[i, 1] = mono[i];
            channelMajor[0, i] = channelMajor[1, i] = mono[i];
        }

        await using var engine = await EngineFactory.LoadAsync(fixture, ProjectorKind.Qwen2Audio);
        var expected = await EngineFactory.GreedyTokensAsync(engine, AudioInput.FromSamples(mono, Tones.SpeechSampleRate));

        Assert.Equal(expected, await EngineFactory.GreedyTokensAsync(engine, AudioInput.FromSamples(timeMajor, Tones.SpeechSampleRate, AudioLayout.TimeMajor)));
        Assert.Equal(expected, await EngineFactory.GreedyTokensAsync(engine, AudioInput.FromSamples(channelMajor, Tones.SpeechSampleRate, AudioLayout.ChannelMajor)));
    }

    [Fact]
    public async Task WavBytes_EqualTheSameRawSamples()
    {
        float[] samples = Tones.Sine(300, Tones.SpeechSampleRate, 2);
        await using var engine = await EngineFactory.LoadAsync(fixture, ProjectorKind.Qwen2Audio);

        var fromWav = await EngineFactory.GreedyTokensAsync(engine, AudioInput.FromEncoded(FloatWav(samples, Tones.SpeechSampleRate)));
        var fromSamples = await EngineFactory.GreedyTokensAsync(engine, AudioInput.FromSamples(samples, Tones.SpeechSampleRate));

        Assert.Equal(fromSamples, fromWav);
    }

    [Fact]
    public async Task ImageAndAudio_InOnePrompt_CountBothModalities()
    {
        await using var engine = await EngineFactory.LoadAsync(fixture, ProjectorKind.Omni);
        var prompt = EngineFactory.Prompt(Rgb(ColourImages.Gradient(64, 64)), AudioInput.FromSamples(Tones.Sine(440, Tones.SpeechSampleRate, 1), Tones.SpeechSampleRate));

        var result = await LocalMultimodal.Generation.GenerationStreamExtensions.CollectAsync(engine.GenerateAsync(prompt, Sampling.SamplingOptions.Greedy(4)));

        Assert.Equal(16, result.Usage.ImageTokens);
        Assert.Equal(1500, result.Usage.AudioTokens);
    }

    private static ImageInput Rgb(byte[] rgb) => ImageInput.FromPixels(64, 64, PixelFormat.Rgb24, rgb);

    private static byte[] TranslucentGradient(int width, int height)
    {
        byte[] rgb = ColourImages.Gradient(width, height);
        var rgba = new byte[width * height * 4];
        for (int p = 0; p < width * height; p++)
        {
            rgba[p * 4] = rgb[p * 3];
            rgba[p * 4 + 1] = rgb[p * 3 + 1];
            rgba[p * 4 + 2] = rgb[p * 3 + 2];
            rgba[p * 4 + 3] = (byte)(p % width * 255 / (width - 1));
        }

        return rgba;
    }

    private static byte[] CompositeOntoBlack(byte[] rgba)
    {
        var rgb = new byte[rgba.Length / 4 * 3];
        for (int p = 0; p < rgba.Length / 4; p++)
        {
            int alpha = rgba[p * 4 + 3];
            for (int c = 0; c < 3; c++)
            {
                rgb[p * 3 + c] = (byte)((rgba[p * 4 + c] * alpha + 127) / 255);
            }
        }

        return rgb;
    }

    private static byte[] FloatWav(float[] samples, int sampleRate)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        int dataBytes = samples.Length * 4;
        writer.Write("RIFF"u8);
        writer.Write(36 + dataBytes);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)3);
        writer.Write((short)1);
        writer.Write(sampleRate);
        writer.Write(sampleRate * 4);
        writer.Write((short)4);
        writer.Write((short)32);
        writer.Write("data"u8);
        writer.Write(dataBytes);
        foreach (float s in samples)
        {
            writer.Write(s);
        }

        writer.Flush();
        return stream.ToArray();
    }
}
