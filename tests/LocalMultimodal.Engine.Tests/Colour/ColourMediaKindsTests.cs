using LocalMultimodal.Errors;
using LocalMultimodal.Generation;
using LocalMultimodal.Media;
using LocalMultimodal.Prompts;
using LocalMultimodal.Sampling;
using LocalMultimodal.Tests.Models;
using LocalMultimodal.Tests.Media.Video;

namespace LocalMultimodal.Tests.Colour;

/// <summary>Video, compressed and long audio, and precomputed embeddings, each checked by the answer it gets.</summary>
[Collection(NativeModelsCollection.Name)]
public sealed class ColourMediaKindsTests(ColourModelsFixture fixture) : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task EncodedVideoOfARedScene_IsRed_AndCountsOnceAgainstTheVideoLimit()
    {
        string path = _folder.File("red.mp4");
        Ffmpeg.Run("-f", "lavfi", "-i", "color=c=red:s=64x64:d=2:r=10", "-pix_fmt", "yuv420p", path);
        await using var engine = await fixture.LoadAsync("gemma3", o =>
        {
            o.LimitPerPrompt[MediaModality.Video] = 1;
            o.LimitPerPrompt[MediaModality.Image] = 1;
            o.Media.Video.NumFrames = 4;
        });

        var result = await Ask(engine, VideoInput.FromEncoded(File.ReadAllBytes(path)));

        Assert.Equal("red", result.Text);
        Assert.Equal(4 * 16, result.Usage.ImageTokens);
    }

    [Fact]
    public async Task VideoFrames_GivenDirectly_AreSampledAndAnsweredByTheirMeanColour()
    {
        var frames = Enumerable.Range(0, 20)
            .Select(i => ImageInput.FromPixels(64, 64, PixelFormat.Rgb24, i % 2 == 0 ? ColourImages.Solid(64, 64, 255, 0, 0) : ColourImages.Solid(64, 64, 0, 0, 255)))
            .ToList();
        var engine = await fixture.EngineAsync("gemma3");

        var fewer = await Ask(engine, VideoInput.FromFrames(frames, numFrames: 2));
        var all = await Ask(engine, VideoInput.FromFrames(frames));

        // Two samples of twenty are frames 0 and 19: red and blue, whose mean is purple.
        Assert.Equal("purple", fewer.Text);
        Assert.Equal(2 * 16, fewer.Usage.ImageTokens);
        Assert.Equal(8 * 16, all.Usage.ImageTokens);
    }

    /// <summary>A request's fps lowers the frame count: two seconds at 1 fps is two frames; on frames given directly it is refused.</summary>
    [Fact]
    public async Task VideoFps_LowersTheFrameCount_AndIsRefusedOnFramesGivenDirectly()
    {
        string path = _folder.File("red-fps.mp4");
        Ffmpeg.Run("-f", "lavfi", "-i", "color=c=red:s=64x64:d=2:r=10", "-pix_fmt", "yuv420p", path);
        var engine = await fixture.EngineAsync("gemma3");

        var result = await Ask(engine, VideoInput.FromEncoded(File.ReadAllBytes(path)).WithFps(1));
        var error = await Assert.ThrowsAsync<InvalidRequestException>(
            () => Ask(engine, VideoInput.FromFrames([ImageInput.FromPixels(64, 64, PixelFormat.Rgb24, ColourImages.Solid(64, 64, 255, 0, 0))]).WithFps(1)));
        var zero = await Assert.ThrowsAsync<InvalidRequestException>(() => Ask(engine, VideoInput.FromEncoded(File.ReadAllBytes(path)).WithFps(0)));

        Assert.Equal("red", result.Text);
        Assert.Equal(2 * 16, result.Usage.ImageTokens);
        Assert.Equal(("fps", "fps"), (error.Param, zero.Param));
    }

    [Theory]
    [InlineData("mp3", "libmp3lame")]
    [InlineData("flac", "flac")]
    [InlineData("ogg", "libopus")]
    public async Task CompressedAudio_IsDecodedByFfmpeg_AndHeard(string container, string codec)
    {
        string path = _folder.File($"tone.{container}");
        Ffmpeg.Run("-f", "lavfi", "-i", "sine=frequency=3000:sample_rate=48000:duration=1", "-c:a", codec, path);

        var result = await Ask(await fixture.EngineAsync("audio"), AudioInput.FromEncoded(File.ReadAllBytes(path), format: container));

        Assert.Equal("high", result.Text);
    }

    [Fact]
    public async Task LongAudio_IsSplitIntoClips_AndStillHeard()
    {
        await using var engine = await fixture.LoadAsync("audio", o => o.ContextSize = 8192);

        var result = await Ask(engine, AudioInput.FromSamples(Tones.Sine(300, 16000, seconds: 65), 16000));

        Assert.Equal("low", result.Text);
        Assert.Equal(3 * 1500, result.Usage.AudioTokens);
    }

    [Fact]
    public async Task PrecomputedEmbeddingsOfARedImage_AnswerRed_AndEqualTheImage()
    {
        await using var engine = await fixture.LoadAsync("gemma3", o => o.EnableMediaEmbeddings = true);
        var image = ImageInput.FromPixels(64, 64, PixelFormat.Rgb24, ColourImages.Solid(64, 64, 230, 20, 30));

        var embeddings = await engine.EncodeAsync(image);
        var fromImage = await Ask(engine, image);
        var fromEmbeddings = await Ask(engine, embeddings);

        Assert.Equal("red", fromEmbeddings.Text);
        Assert.Equal(fromImage.TokenIds, fromEmbeddings.TokenIds);
        Assert.Equal(new long[] { 16, 64 }, embeddings.Embeddings!.Shape);
    }

    [Fact]
    public async Task PrecomputedAudioEmbeddings_AreHeardLikeTheClip()
    {
        await using var engine = await fixture.LoadAsync("audio", o => o.EnableMediaEmbeddings = true);
        var clip = AudioInput.FromSamples(Tones.Sine(3000, 16000), 16000);

        var embeddings = await engine.EncodeAsync(clip);

        Assert.Equal("high", (await Ask(engine, embeddings)).Text);
        Assert.Equal(new long[] { 2, 750, 64 }, embeddings.Embeddings!.Shape);
    }

    public static TheoryData<string, long[]> BadShapes => new()
    {
        { "hidden size", [16, 32] },
        { "token count", [15, 64] },
        { "rank", [16 * 64] },
        { "chunk count", [2, 16, 64] },
    };

    [Theory]
    [MemberData(nameof(BadShapes))]
    public async Task EmbeddingsOfTheWrongShape_AreRefusedBeforeAnyNativeCall(string because, long[] shape)
    {
        await using var engine = await fixture.LoadAsync("gemma3", o => o.EnableMediaEmbeddings = true);
        var tensor = new EmbeddingTensor(shape, new float[shape.Aggregate(1L, (a, b) => a * b)]);

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => Ask(engine, EmbeddingInput.ForImage(tensor)));

        Assert.True(error.Code == "invalid_embeddings", because);
        Assert.Equal("red", (await Ask(engine, ImageInput.FromPixels(64, 64, PixelFormat.Rgb24, ColourImages.Solid(64, 64, 255, 0, 0)))).Text);
    }

    [Fact]
    public async Task EmbeddingsWithNaN_OrWhileDisabled_AreRefused()
    {
        var values = new float[16 * 64];
        values[5] = float.NaN;
        var nan = EmbeddingInput.ForImage(new EmbeddingTensor([16, 64], values));
        await using var enabled = await fixture.LoadAsync("gemma3", o => o.EnableMediaEmbeddings = true);
        var disabled = await fixture.EngineAsync("gemma3");

        Assert.Equal("invalid_embeddings", (await Assert.ThrowsAsync<InvalidRequestException>(() => Ask(enabled, nan))).Code);
        Assert.Equal("embeddings_disabled", (await Assert.ThrowsAsync<InvalidRequestException>(() => Ask(disabled, nan))).Code);
    }

    public void Dispose() => _folder.Dispose();

    private static Task<GenerationResult> Ask(MultimodalEngine engine, MediaInput media) =>
        engine.ChatAsync([new ChatTurn("user", ChatTurnItem.FromMedia(media), ColourModelsFixture.Question)], SamplingOptions.Greedy(5)).CollectAsync();
}
