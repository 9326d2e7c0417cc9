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
/// The Qwen-VL family against llama.cpp's own helper (<c>mtmd_helper_eval_chunks</c>, which lays out M-RoPE
/// positions itself): the engine must give the same greedy tokens, alone, in pieces, among others and from a
/// prefix-cache hit. The LLM here has sharper weights (std 0.2) than the shared fixture, so attention depends
/// on positions and a wrong layout changes the tokens; one test shows it does.
/// </summary>
[Collection(NativeModelsCollection.Name)]
public sealed class MRopeOracleTests(NativeModelsFixture fixture) : IDisposable
{
    private const int Generated = 16;
    private static readonly SamplingOptions Greedy = new() { Temperature = 0, MaxTokens = Generated, IgnoreEndOfSequence = true };
    private static readonly (int Width, int Height)[] OneImage = [(96, 48)];
    private static readonly (int Width, int Height)[] TwoImages = [(64, 64), (48, 80)];

    private readonly TempFolder _temp = MRopeOracle.WriteSharpLlm();

    private string SharpLlm => _temp.File(MRopeOracle.SharpLlmFileName);

    public void Dispose() => _temp.Dispose();

    public static TheoryData<ProjectorKind, string> Prompts()
    {
        var data = new TheoryData<ProjectorKind, string>();
        foreach (var kind in new[] { ProjectorKind.Qwen2VL, ProjectorKind.Qwen25VL })
        {
            data.Add(kind, "one image");
            data.Add(kind, "two images");
            data.Add(kind, "text after images");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Prompts))]
    public async Task Engine_gives_the_helpers_tokens(ProjectorKind kind, string shape)
    {
        var (text, images) = Case(shape);
        var expected = Helper(kind, text, images);
        await using var engine = await Load(kind, o => o.MaxConcurrentSequences = 1);
        var actual = await engine.GenerateAsync(Prompt(text, images), Greedy).CollectAsync();
        Assert.Equal(expected.Tokens, actual.TokenIds);
    }

    [Theory]
    [InlineData(ProjectorKind.Qwen2VL)]
    [InlineData(ProjectorKind.Qwen25VL)]
    public async Task Prefill_in_pieces_of_16_rows_gives_the_helpers_tokens(ProjectorKind kind)
    {
        // 40 text tokens and an 18-token image, cut at every 16 rows: text pieces and image pieces alike.
        string text = string.Concat(Enumerable.Repeat("the colour of the sky ", 8)) + Marker + Marker + "and after";
        (int, int)[] images = [(96, 48), (112, 64)];
        var expected = Helper(kind, text, images);
        await using var engine = await Load(kind, o => o.StepTokenBudget = 16);
        var actual = await engine.GenerateAsync(Prompt(text, images), Greedy).CollectAsync();
        Assert.Equal(expected.Tokens, actual.TokenIds);
    }

    [Theory]
    [InlineData(ProjectorKind.Qwen2VL)]
    [InlineData(ProjectorKind.Qwen25VL)]
    public async Task Eight_concurrent_requests_each_give_the_helpers_tokens(ProjectorKind kind)
    {
        var cases = Enumerable.Range(0, 8)
            .Select(i => ($"picture {i} {Marker} what is it", new[] { (32 + (16 * (i % 4)), 48 + (16 * (i / 4))) }))
            .ToArray();
        var expected = cases.Select(c => Helper(kind, c.Item1, c.Item2).Tokens).ToArray();
        await using var engine = await Load(kind, o =>
        {
            o.MaxConcurrentSequences = 8;
            o.ContextSize = 512;
            o.StepTokenBudget = 32;
        });
        var together = await Task.WhenAll(cases.Select(c => engine.GenerateAsync(Prompt(c.Item1, c.Item2), Greedy).CollectAsync()));
        for (int i = 0; i < cases.Length; i++)
        {
            Assert.Equal(expected[i], together[i].TokenIds);
        }
    }

    [Theory]
    [InlineData(ProjectorKind.Qwen2VL)]
    [InlineData(ProjectorKind.Qwen25VL)]
    public async Task A_prefix_cache_hit_after_an_image_gives_the_helpers_tokens(ProjectorKind kind)
    {
        string first = $"{Marker}describe it";
        string second = $"{Marker}what colour is it";
        (int, int)[] image = [(96, 48)];
        var expected = Helper(kind, second, image);
        await using var engine = await Load(kind, o => o.MaxConcurrentSequences = 1);
        await engine.GenerateAsync(Prompt(first, image), Greedy).CollectAsync();

        var hit = await engine.GenerateAsync(Prompt(second, image), Greedy).CollectAsync();

        // The image (18 tokens, 6 positions) and the text before it came from the first request's KV.
        Assert.True(hit.Usage!.CachedPromptTokens >= 18, $"cached {hit.Usage.CachedPromptTokens}");
        Assert.Equal(expected.Tokens, hit.TokenIds);
    }

    [Theory]
    [InlineData(0, 100)] // the projector's own range: 160x160 is a 10x10 grid
    [InlineData(16, 16)] // resized down into the budget before encoding
    public async Task ImageMaxTokens_bounds_the_tokens_of_a_dynamic_resolution_image(int maxTokens, int expected)
    {
        await using var engine = await Load(ProjectorKind.Qwen25VL, o => o.ImageMaxTokens = maxTokens);

        var result = await engine.GenerateAsync(Prompt($"{Marker}describe", [(160, 160)]), Greedy).CollectAsync();

        Assert.Equal(expected, result.Usage.ImageTokens);
    }

    [Fact]
    public async Task An_image_too_large_for_the_context_is_refused_naming_it_and_its_tokens()
    {
        // 160x160 is a 10x10 grid: 100 tokens (cells) but only 10 positions; the context counts cells.
        await using var engine = await Load(ProjectorKind.Qwen2VL, o => o.ContextSize = 128);
        (int, int)[] images = [(32, 32), (160, 160)];

        var error = await Assert.ThrowsAsync<LocalMultimodal.Errors.InvalidRequestException>(
            () => engine.GenerateAsync(Prompt($"{Marker}{Marker}compare", images), Greedy).CollectAsync());

        Assert.Equal("context_length_exceeded", error.Code);
        Assert.Contains("image 2: 100", error.Message);
        Assert.Contains("holds 128", error.Message);
    }

    [Theory]
    [InlineData(ProjectorKind.Qwen2VL)]
    [InlineData(ProjectorKind.Qwen25VL)]
    public void The_engines_batches_give_the_helpers_logits_and_a_wrong_layout_does_not(ProjectorKind kind)
    {
        string text = $"look {Marker} and tell";
        (int, int)[] images = [(96, 48)];
        var expected = Helper(kind, text, images);
        var grid = OwnBatches(kind, text, images, linear: false);
        var linear = OwnBatches(kind, text, images, linear: true);

        MRopeOracle.AssertSameLogits(expected.Logits, grid, "engine");

        // Positions matter for this model: rows placed in a line instead of on the grid move the logits.
        float scale = expected.Logits.Max(Math.Abs);
        Assert.True(expected.Logits.Zip(linear).Max(p => Math.Abs(p.First - p.Second)) > 1e-3f * Math.Max(1f, scale));
    }

    /// <summary>
    /// Precomputed embeddings with their grid, from <see cref="MultimodalEngine.EncodeAsync"/>, laid out by the engine's
    /// own batches: the helper's logits for the image itself.
    /// </summary>
    [Theory]
    [InlineData(ProjectorKind.Qwen2VL)]
    [InlineData(ProjectorKind.Qwen25VL)]
    public async Task Embeddings_with_their_grid_give_the_helpers_logits_for_the_image(ProjectorKind kind)
    {
        string text = $"look {Marker} and tell";
        (int Width, int Height)[] images = [(96, 48)];
        var expected = Helper(kind, text, images);
        EmbeddingInput encoded;
        await using (var engine = await Load(kind, o => o.MaxConcurrentSequences = 1))
        {
            encoded = await engine.EncodeAsync(ImageInput.FromPixels(96, 48, PixelFormat.Rgb24, Pixels(96, 48, 0)));
        }

        var logits = OwnBatches(kind, text, images, linear: false, [encoded]);

        MRopeOracle.AssertSameLogits(expected.Logits, logits, "embeddings");
    }

    private const string Marker = MultimodalPrompt.MediaMarker;

    private static (string Text, (int Width, int Height)[] Images) Case(string shape) => shape switch
    {
        "one image" => ($"{Marker}describe this", OneImage),
        "two images" => ($"{Marker}{Marker}compare", TwoImages),
        _ => ($"first {Marker} then {Marker} and then some more text after both pictures", TwoImages),
    };

    private static byte[] Pixels(int width, int height, int index) =>
        index % 2 == 0 ? ColourImages.Gradient(width, height) : ColourImages.Checkerboard(width, height);

    private static MultimodalPrompt Prompt(string user, (int Width, int Height)[] images) =>
        new(MRopeOracle.ChatText(user), [.. images.Select((s, i) => (MediaInput)ImageInput.FromPixels(s.Width, s.Height, PixelFormat.Rgb24, Pixels(s.Width, s.Height, i)))]);

    private Task<MultimodalEngine> Load(ProjectorKind kind, Action<EngineOptions> configure) =>
        MultimodalEngine.LoadAsync(Options(kind, configure));

    private EngineOptions Options(ProjectorKind kind, Action<EngineOptions>? configure = null)
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
        configure?.Invoke(options);
        return options;
    }

    private (IReadOnlyList<int> Tokens, float[] Logits) Helper(ProjectorKind kind, string user, (int Width, int Height)[] images)
    {
        var parameters = new ModelParams(SharpLlm) { ContextSize = 1024, GpuLayerCount = 0, Threads = 2, BatchThreads = 2 };
        using var weights = LLamaWeights.LoadFromFile(parameters);
        using var context = weights.CreateContext(parameters);
        using var projector = MRopeOracle.LoadProjector(fixture.Models.Projector(kind), weights);
        var bitmaps = images.Select((s, i) => SafeMtmdEmbed.FromRgbBytes((uint)s.Width, (uint)s.Height, Pixels(s.Width, s.Height, i))!).ToArray();
        try
        {
            string text = MRopeOracle.ChatText(user).Replace(Marker, NativeApi.MtmdDefaultMarker(), StringComparison.Ordinal);
            using var chunks = NativeChunks.Tokenize(projector.NativeHandle, text, addSpecial: true, parseSpecial: true, bitmaps, out int status);
            Assert.Equal(0, status);
            Assert.Equal(0, MtmdExports.HelperEvalChunks(projector.NativeHandle, context.NativeHandle, chunks!, 0, 0, (int)context.BatchSize, logitsLast: true, out int past));
            float[] logits = context.NativeHandle.GetLogitsIth(-1).ToArray();
            return (MediaGeneration.Generate(context, past, Generated), logits);
        }
        finally
        {
            foreach (var bitmap in bitmaps)
            {
                bitmap.Dispose();
            }
        }
    }

    /// <summary>
    /// The engine's own tokenizer and batches (<see cref="PromptTokenizer"/>, <see cref="EmbeddingBatch"/>) on one
    /// sequence, without the scheduler: the logits after the prompt. <paramref name="linear"/> places image rows
    /// in a line instead of on their grid; <paramref name="encoded"/>, when given, stand in for the images.
    /// </summary>
    private float[] OwnBatches(ProjectorKind kind, string user, (int Width, int Height)[] images, bool linear, IReadOnlyList<EmbeddingInput>? encoded = null)
    {
        var options = Options(kind);
        using var model = LocalMultimodal.Loading.ModelLoader.Load(options);
        var tokenizer = MRopeOracle.Tokenizer(model);
        string[] texts = MRopeOracle.ChatText(user).Split(Marker);
        var pieces = new List<PromptPiece>();
        for (int i = 0; i < texts.Length; i++)
        {
            pieces.Add(new TextPiece(texts[i], ParseSpecial: true));
            if (i < images.Length)
            {
                var (width, height) = images[i];
                var image = new PreparedImage(width, height, Pixels(width, height, i));
                pieces.Add(new MediaPiece(encoded is null
                    ? new PreparedMedia { Modality = MediaModality.Image, Images = [image], ContentKey = $"image-{i}" }
                    : new PreparedMedia { Modality = MediaModality.Image, Embeddings = encoded[i].Embeddings, Grid = encoded[i].Grid, ContentKey = $"embeds-{i}" }));
            }
        }

        return MRopeOracle.DecodeSteps(model, tokenizer.Tokenize(new PreparedPrompt(pieces)).Steps, linear);
    }
}
