using LLama;
using LLama.Common;
using LLama.Native;
using LocalMultimodal.Generation;
using LocalMultimodal.Gguf;
using LocalMultimodal.Media;
using LocalMultimodal.Models;
using LocalMultimodal.Native;
using LocalMultimodal.Prompts;
using LocalMultimodal.Sampling;
using LocalMultimodal.Scheduling;
using LocalMultimodal.Tests.Models;

namespace LocalMultimodal.Tests.Engine;

/// <summary>
/// Video on the Qwen-VL family against llama.cpp's own video path (<see cref="HelperVideo"/>: the helper's ffmpeg
/// reading, the lazy bitmap, <c>mtmd_tokenize</c> and <c>mtmd_helper_eval_chunks</c>) on the same frames: the videos
/// are lossless RGB at a rate the helper reads whole, so both read the same pixels, and the engine must give the
/// same greedy tokens alone, with text after the video, in pieces, among others and from a prefix-cache hit.
/// </summary>
[Collection(NativeModelsCollection.Name)]
public sealed class MRopeVideoOracleTests(NativeModelsFixture fixture) : IDisposable
{
    private const int Generated = 16;
    private const string Marker = MultimodalPrompt.MediaMarker;
    private static readonly SamplingOptions Greedy = new() { Temperature = 0, MaxTokens = Generated, IgnoreEndOfSequence = true };

    private readonly TempFolder _temp = MRopeOracle.WriteSharpLlm();

    private string SharpLlm => _temp.File(MRopeOracle.SharpLlmFileName);

    public void Dispose() => _temp.Dispose();

    public static TheoryData<ProjectorKind, string> Prompts()
    {
        var data = new TheoryData<ProjectorKind, string>();
        foreach (var kind in new[] { ProjectorKind.Qwen2VL, ProjectorKind.Qwen25VL })
        {
            data.Add(kind, $"{Marker}what happens");
            data.Add(kind, $"first {Marker} then some more text after the video, which is long enough to matter");
        }

        return data;
    }

    /// <summary>
    /// Six seconds at 2 fps: twelve frames, with timestamps after the first frame and after the one at five seconds,
    /// so frames pair around both (libmtmd pairs only adjacent frames of one size).
    /// </summary>
    [Theory]
    [MemberData(nameof(Prompts))]
    public async Task Engine_gives_the_helpers_tokens_for_a_video(ProjectorKind kind, string user)
    {
        byte[] video = Video("twelve", 64, 48, rate: 2, frames: 12);
        var expected = Helper(kind, user, video, fps: 0);
        await using var engine = await Load(kind, o => o.MaxConcurrentSequences = 1);

        var actual = await engine.GenerateAsync(Prompt(user, VideoInput.FromEncoded(video)), Greedy).CollectAsync();

        Assert.Equal(expected, actual.TokenIds);
    }

    /// <summary>
    /// The helper's chunks for the twelve-frame video: "Video:", frame 0 alone (its timestamp follows it), five pairs,
    /// the five-second timestamp, frame 11 alone; each pair one 4x3 grid of 12 tokens over 4 positions.
    /// </summary>
    [Theory]
    [InlineData(ProjectorKind.Qwen2VL)]
    [InlineData(ProjectorKind.Qwen25VL)]
    public void The_helper_pairs_adjacent_frames_into_one_chunk_each(ProjectorKind kind)
    {
        byte[] video = Video("twelve", 64, 48, rate: 2, frames: 12);
        using var weights = LLamaWeights.LoadFromFile(Parameters());
        using var projector = MRopeOracle.LoadProjector(fixture.Models.Projector(kind), weights);
        using var helperVideo = new HelperVideo(projector.NativeHandle, video, fps: 0);

        using var chunks = NativeChunks.Tokenize(projector.NativeHandle, NativeChunks.Marker, addSpecial: false, parseSpecial: true, [helperVideo.Bitmap], out int status);

        Assert.Equal(0, status);
        var images = new List<string>();
        var texts = new List<string>();
        for (int i = 0; i < chunks!.Count; i++)
        {
            using var chunk = chunks[i];
            if (chunk.Type == SafeMtmdInputChunk.SafeMtmdInputChunkType.Text)
            {
                // The tiny vocabulary spells some pieces with a leading space; the words are what matter.
                texts.Add(string.Concat(NativeChunks.TextTokens(chunk).Select(t => weights.Vocab.LLamaTokenToString(t, true))).Replace(" ", "", StringComparison.Ordinal));
            }
            else
            {
                images.Add($"{chunk.NTokens}/{chunk.NPos}");
            }
        }

        Assert.Equal(Enumerable.Repeat("12/4", 7), images);
        Assert.StartsWith("Video:<|vision_start|>", texts[0], StringComparison.Ordinal);
        Assert.Contains("[0m0.00s]", texts[1], StringComparison.Ordinal);
        Assert.Contains("[0m5.00s]", string.Concat(texts), StringComparison.Ordinal);
    }

    /// <summary>num_frames picks 6 of 11 frames at 4 fps (0, 2, ..., 10): the frames the helper reads at 2 fps.</summary>
    [Theory]
    [InlineData(ProjectorKind.Qwen2VL)]
    [InlineData(ProjectorKind.Qwen25VL)]
    public async Task Num_frames_samples_the_frames_the_helper_reads_at_a_lower_rate(ProjectorKind kind)
    {
        byte[] video = Video("eleven", 64, 48, rate: 4, frames: 11);
        string user = $"{Marker}describe";
        var expected = Helper(kind, user, video, fps: 2);
        await using var engine = await Load(kind, o => o.MaxConcurrentSequences = 1);

        var actual = await engine.GenerateAsync(Prompt(user, VideoInput.FromEncoded(video, numFrames: 6)), Greedy).CollectAsync();

        Assert.Equal(expected, actual.TokenIds);
    }

    [Theory]
    [InlineData(ProjectorKind.Qwen2VL)]
    [InlineData(ProjectorKind.Qwen25VL)]
    public async Task Prefill_in_pieces_of_16_rows_gives_the_helpers_tokens(ProjectorKind kind)
    {
        byte[] video = Video("twelve", 64, 48, rate: 2, frames: 12);
        string user = $"{Marker}and some text after it";
        var expected = Helper(kind, user, video, fps: 0);
        await using var engine = await Load(kind, o => o.StepTokenBudget = 16);

        var actual = await engine.GenerateAsync(Prompt(user, VideoInput.FromEncoded(video)), Greedy).CollectAsync();

        Assert.Equal(expected, actual.TokenIds);
    }

    [Theory]
    [InlineData(ProjectorKind.Qwen2VL)]
    [InlineData(ProjectorKind.Qwen25VL)]
    public async Task Eight_concurrent_video_requests_each_give_the_helpers_tokens(ProjectorKind kind)
    {
        // Three frames at least: ffprobe reads a two-frame Matroska file as 1000 fps, and the helper would read it so.
        (int Width, int Height)[] sizes = [(64, 48), (48, 64), (32, 32), (64, 32)];
        var cases = Enumerable.Range(0, 8)
            .Select(i => (User: $"clip {i} {Marker} what moves", Video: Video($"clip{i}", sizes[i % 4].Width, sizes[i % 4].Height, rate: 2, frames: 3 + i)))
            .ToArray();
        var expected = cases.Select(c => Helper(kind, c.User, c.Video, fps: 0)).ToArray();
        await using var engine = await Load(kind, o =>
        {
            o.MaxConcurrentSequences = 8;
            o.ContextSize = 2048;
            o.StepTokenBudget = 32;
        });

        var together = await Task.WhenAll(cases.Select(c => engine.GenerateAsync(Prompt(c.User, VideoInput.FromEncoded(c.Video)), Greedy).CollectAsync()));

        for (int i = 0; i < cases.Length; i++)
        {
            Assert.Equal(expected[i], together[i].TokenIds);
        }
    }

    [Theory]
    [InlineData(ProjectorKind.Qwen2VL)]
    [InlineData(ProjectorKind.Qwen25VL)]
    public async Task A_prefix_cache_hit_after_a_video_gives_the_helpers_tokens(ProjectorKind kind)
    {
        byte[] video = Video("twelve", 64, 48, rate: 2, frames: 12);
        string second = $"{Marker}what colour is it";
        var expected = Helper(kind, second, video, fps: 0);
        await using var engine = await Load(kind, o => o.MaxConcurrentSequences = 1);
        await engine.GenerateAsync(Prompt($"{Marker}describe it", VideoInput.FromEncoded(video)), Greedy).CollectAsync();

        var hit = await engine.GenerateAsync(Prompt(second, VideoInput.FromEncoded(video)), Greedy).CollectAsync();

        // The video (7 chunks of 12 tokens) came from the first request's KV.
        Assert.True(hit.Usage!.CachedPromptTokens >= 84, $"cached {hit.Usage.CachedPromptTokens}");
        Assert.Equal(expected, hit.TokenIds);
    }

    /// <summary>
    /// The same twelve frames at 1 fps instead of 2 get other timestamps, so another encoding: with the media cache
    /// on, the second video must not be served the first's (the cache key holds the frames' times).
    /// </summary>
    [Theory]
    [InlineData(ProjectorKind.Qwen2VL)]
    [InlineData(ProjectorKind.Qwen25VL)]
    public async Task The_same_frames_at_another_rate_are_not_served_from_the_media_cache(ProjectorKind kind)
    {
        byte[] fast = NumberedVideo("numbered-fast", rate: 2);
        byte[] slow = NumberedVideo("numbered-slow", rate: 1);
        string user = $"{Marker}what happens";
        var expected = Helper(kind, user, slow, fps: 0);
        await using var engine = await Load(kind, o =>
        {
            o.MaxConcurrentSequences = 1;
            o.MediaCacheBytes = 64 << 20;
            o.EnablePrefixCaching = false;
        });
        await engine.GenerateAsync(Prompt(user, VideoInput.FromEncoded(fast)), Greedy).CollectAsync();

        var actual = await engine.GenerateAsync(Prompt(user, VideoInput.FromEncoded(slow)), Greedy).CollectAsync();

        Assert.Equal(expected, actual.TokenIds);
    }

    /// <summary>
    /// The engine's own tokenizer and batches (<see cref="PromptTokenizer"/>, <see cref="EmbeddingBatch"/>) on one sequence,
    /// from frames its ffmpeg decoded: the logits after the prompt equal the helper's.
    /// </summary>
    [Theory]
    [InlineData(ProjectorKind.Qwen2VL)]
    [InlineData(ProjectorKind.Qwen25VL)]
    public async Task The_engines_batches_give_the_helpers_logits_for_a_video(ProjectorKind kind)
    {
        byte[] video = Video("twelve", 64, 48, rate: 2, frames: 12);
        string user = $"look {Marker} and tell";
        float[] expected = HelperLogits(kind, user, video);
        var frames = await VideoPreparer.PrepareAsync(VideoInput.FromEncoded(video), new VideoMediaOptions { NumFrames = 16 }, new ImageMediaOptions(), CancellationToken.None);

        float[] actual = OwnBatches(kind, user, frames);

        MRopeOracle.AssertSameLogits(expected, actual, "engine");
    }

    private float[] OwnBatches(ProjectorKind kind, string user, IReadOnlyList<PreparedImage> frames)
    {
        var options = new EngineOptions { ModelPath = SharpLlm, ProjectorPath = fixture.Models.Projector(kind), ContextSize = 1024, Threads = 2, MediaCacheBytes = 0 };
        using var model = LocalMultimodal.Loading.ModelLoader.Load(options);
        var tokenizer = MRopeOracle.Tokenizer(model);
        string[] texts = MRopeOracle.ChatText(user).Split(Marker);
        var plan = tokenizer.Tokenize(new PreparedPrompt(
        [
            new TextPiece(texts[0], ParseSpecial: true),
            new MediaPiece(new PreparedMedia { Modality = MediaModality.Video, Images = frames, ContentKey = "video" }),
            new TextPiece(texts[1], ParseSpecial: true),
        ]));
        return MRopeOracle.DecodeSteps(model, plan.Steps);
    }

    private static MultimodalPrompt Prompt(string user, VideoInput video) => new(MRopeOracle.ChatText(user), [video]);

    private byte[] Video(string name, int width, int height, int rate, int frames) =>
        File.ReadAllBytes(FfmpegMedia.PatternMkv(_temp.Path, name, width, height, rate, frames));

    /// <summary>Twelve frames whose pixels depend on the frame's number only, not its time: the same frames at any rate.</summary>
    private byte[] NumberedVideo(string name, int rate)
    {
        string path = _temp.File($"{name}.mkv");
        LocalMultimodal.Tests.Media.Video.Ffmpeg.Run(
            "-f", "lavfi", "-i", $"nullsrc=s=64x48:r={rate},format=rgb24,geq=r='N*16':g='255-N*16':b='X*3'", "-frames:v", "12", "-c:v", "png", "-pix_fmt", "rgb24", path);
        return File.ReadAllBytes(path);
    }

    private Task<MultimodalEngine> Load(ProjectorKind kind, Action<EngineOptions> configure)
    {
        var options = new EngineOptions
        {
            ModelPath = SharpLlm,
            ProjectorPath = fixture.Models.Projector(kind),
            ContextSize = 1024,
            Threads = 2,
            MaxConcurrentSequences = 2,
            MediaCacheBytes = 0,
        };
        options.Media.Video.NumFrames = 16;
        configure(options);
        return MultimodalEngine.LoadAsync(options);
    }

    private ModelParams Parameters() => new(SharpLlm) { ContextSize = 1024, GpuLayerCount = 0, Threads = 2, BatchThreads = 2 };

    private List<int> Helper(ProjectorKind kind, string user, byte[] video, float fps) => HelperRun(kind, user, video, fps).Tokens;

    private float[] HelperLogits(ProjectorKind kind, string user, byte[] video) => HelperRun(kind, user, video, 0).Logits;

    /// <summary>The helper's logits and tokens: its video reader feeds <c>mtmd_tokenize</c>, and <c>mtmd_helper_eval_chunks</c> decodes.</summary>
    private (List<int> Tokens, float[] Logits) HelperRun(ProjectorKind kind, string user, byte[] video, float fps)
    {
        var parameters = Parameters();
        using var weights = LLamaWeights.LoadFromFile(parameters);
        using var context = weights.CreateContext(parameters);
        using var projector = MRopeOracle.LoadProjector(fixture.Models.Projector(kind), weights);
        using var helperVideo = new HelperVideo(projector.NativeHandle, video, fps);
        string text = MRopeOracle.ChatText(user).Replace(Marker, NativeApi.MtmdDefaultMarker(), StringComparison.Ordinal);
        using var chunks = NativeChunks.Tokenize(projector.NativeHandle, text, addSpecial: true, parseSpecial: true, [helperVideo.Bitmap], out int status);
        Assert.Equal(0, status);
        NativeLog.Initialize(null);
        NativeLog.BeginCapture();
        int rc = MtmdExports.HelperEvalChunks(projector.NativeHandle, context.NativeHandle, chunks!, 0, 0, (int)context.BatchSize, logitsLast: true, out int past);
        var log = NativeLog.EndCapture();
        Assert.True(rc == 0, $"mtmd_helper_eval_chunks: {rc}: {string.Join('\n', log)}");
        float[] logits = context.NativeHandle.GetLogitsIth(-1).ToArray();
        return (MediaGeneration.Generate(context, past, Generated), logits);
    }
}
