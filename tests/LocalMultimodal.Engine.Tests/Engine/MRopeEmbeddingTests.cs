using LocalMultimodal.Errors;
using LocalMultimodal.Generation;
using LocalMultimodal.Gguf;
using LocalMultimodal.Media;
using LocalMultimodal.Models;
using LocalMultimodal.Prompts;
using LocalMultimodal.Sampling;
using LocalMultimodal.Tests.Models;

namespace LocalMultimodal.Tests.Engine;

/// <summary>
/// Precomputed image embeddings on the Qwen-VL family (M-RoPE): what <see cref="MultimodalEngine.EncodeAsync"/> returns,
/// grid included, sent back gives the image's own greedy tokens; the grid sets the positions, so the same rows on the
/// transposed grid do not. Every grid, width or token count that does not fit is a clear error, never a native call.
/// The LLM has sharp weights (as in <see cref="MRopeOracleTests"/>) so that positions change the tokens.
/// </summary>
[Collection(NativeModelsCollection.Name)]
public sealed class MRopeEmbeddingTests(NativeModelsFixture fixture) : IDisposable
{
    private const string Marker = MultimodalPrompt.MediaMarker;
    private static readonly SamplingOptions Greedy = new() { Temperature = 0, MaxTokens = 16, IgnoreEndOfSequence = true };

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(ProjectorKind.Qwen2VL)]
    [InlineData(ProjectorKind.Qwen25VL)]
    public async Task Embeddings_from_EncodeAsync_with_their_grid_give_the_images_tokens(ProjectorKind kind)
    {
        await using var engine = await Load(kind);
        var image = Image(96, 48, 0);

        var encoded = await engine.EncodeAsync(image);
        var fromImage = await Ask(engine, image);
        var fromEmbeddings = await Ask(engine, encoded);

        // 96×48 pixels are 12×6 patches of 8, merged 2×2 into 6×3 = 18 tokens.
        Assert.Equal(new PatchGrid(1, 6, 12), encoded.Grid);
        Assert.Equal(18, encoded.Embeddings!.Shape[0]);
        Assert.Equal(fromImage.TokenIds, fromEmbeddings.TokenIds);
        Assert.Equal(fromImage.Usage.PromptTokens, fromEmbeddings.Usage.PromptTokens);
        Assert.Equal(18, fromEmbeddings.Usage.ImageTokens);
    }

    [Theory]
    [InlineData(ProjectorKind.Qwen2VL)]
    [InlineData(ProjectorKind.Qwen25VL)]
    public async Task Embeddings_among_images_and_text_move_the_positions_as_the_image_does(ProjectorKind kind)
    {
        await using var engine = await Load(kind);
        var first = Image(96, 48, 0);
        var second = Image(48, 80, 1);
        string text = $"first {Marker} then {Marker} and then some more text after both pictures";

        var fromImages = await engine.GenerateAsync(Prompt(text, first, second), Greedy).CollectAsync();
        var mixed = await engine.GenerateAsync(Prompt(text, await engine.EncodeAsync(first), second), Greedy).CollectAsync();

        Assert.Equal(fromImages.TokenIds, mixed.TokenIds);
    }

    [Fact]
    public async Task The_grid_as_an_image_grid_thw_extra_works_as_the_typed_one()
    {
        await using var engine = await Load(ProjectorKind.Qwen2VL);
        var image = Image(96, 48, 0);
        var encoded = await engine.EncodeAsync(image);
        var extras = new Dictionary<string, EmbeddingTensor> { ["image_grid_thw"] = new([1, 3], new float[] { 1, 6, 12 }) };

        var fromExtras = await Ask(engine, EmbeddingInput.ForImage(encoded.Embeddings!, extras: extras));

        Assert.Equal((await Ask(engine, image)).TokenIds, fromExtras.TokenIds);
    }

    [Fact]
    public async Task The_same_rows_on_the_transposed_grid_are_positioned_differently()
    {
        await using var engine = await Load(ProjectorKind.Qwen2VL);
        var image = Image(96, 48, 0);
        var encoded = await engine.EncodeAsync(image);

        var transposed = await Ask(engine, EmbeddingInput.ForImage(encoded.Embeddings!).WithGrid(1, 12, 6));

        Assert.NotEqual((await Ask(engine, image)).TokenIds, transposed.TokenIds);
    }

    public static TheoryData<string, string> BadGrids => new()
    {
        { "no grid", "send the grid" },
        { "t of 2", "t must be 1" },
        { "h not a multiple of the merge", "multiples of this projector's spatial merge (2)" },
        { "too many tokens", "makes 21 tokens" },
        { "a zero", "three positive whole numbers" },
        { "an extra of shape (2)", "shape (3) or (1, 3)" },
        { "an extra of fractions", "three positive whole numbers" },
        { "an unknown extra", "'image_sizes'" },
        { "two different grids", "two different grids" },
        { "the wrong width", "got (18, " },
    };

    [Theory]
    [MemberData(nameof(BadGrids))]
    public async Task Grids_widths_and_token_counts_that_do_not_fit_are_refused_naming_them(string because, string expected)
    {
        await using var engine = await Load(ProjectorKind.Qwen25VL);
        var encoded = await engine.EncodeAsync(Image(96, 48, 0));
        var rows = encoded.Embeddings!;
        int width = (int)rows.Shape[1];
        EmbeddingInput Extra(string name, long[] shape, float[] values) =>
            EmbeddingInput.ForImage(rows, extras: new Dictionary<string, EmbeddingTensor> { [name] = new(shape, values) });
        var input = because switch
        {
            "no grid" => EmbeddingInput.ForImage(rows),
            "t of 2" => encoded.WithGrid(2, 6, 12),
            "h not a multiple of the merge" => encoded.WithGrid(1, 5, 12),
            "too many tokens" => encoded.WithGrid(1, 6, 14),
            "a zero" => encoded.WithGrid(1, 0, 12),
            "an extra of shape (2)" => Extra("image_grid_thw", [2], [6, 12]),
            "an extra of fractions" => Extra("image_grid_thw", [3], [1, 6.5f, 12]),
            "an unknown extra" => Extra("image_sizes", [2], [48, 96]),
            "two different grids" => EmbeddingInput.ForImage(rows, extras: new Dictionary<string, EmbeddingTensor> { ["image_grid_thw"] = new([3], new float[] { 1, 12, 6 }) }).WithGrid(1, 6, 12),
            _ => EmbeddingInput.ForImage(new EmbeddingTensor([18, width + 1], new float[18 * (width + 1)])).WithGrid(1, 6, 12),
        };

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => Ask(engine, input));

        Assert.Equal("invalid_embeddings", error.Code);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(16, (await Ask(engine, encoded)).TokenIds.Count);
    }

    private async Task<MultimodalEngine> Load(ProjectorKind kind)
    {
        string llm = _temp.File("llm-qwen2vl-sharp.gguf");
        if (!File.Exists(llm))
        {
            File.WriteAllBytes(llm, GgufWriter.ToBytes(GeneratedModels.BuildMRopeLlm(seed: 7, weightStd: 0.2f)));
        }

        return await MultimodalEngine.LoadAsync(new EngineOptions
        {
            ModelPath = llm,
            ProjectorPath = fixture.Models.Projector(kind),
            ContextSize = 1024,
            Threads = 2,
            MaxConcurrentSequences = 1,
            EnableMediaEmbeddings = true,
        });
    }

    private static ImageInput Image(int width, int height, int index) =>
        ImageInput.FromPixels(width, height, PixelFormat.Rgb24, index % 2 == 0 ? ColourImages.Gradient(width, height) : ColourImages.Checkerboard(width, height));

    private static MultimodalPrompt Prompt(string user, params MediaInput[] media) =>
        new($"<|im_start|>user\n{user}<|im_end|>\n<|im_start|>assistant\n", media);

    private static Task<GenerationResult> Ask(MultimodalEngine engine, MediaInput media) =>
        engine.GenerateAsync(Prompt($"{Marker}describe this", media), Greedy).CollectAsync();
}
