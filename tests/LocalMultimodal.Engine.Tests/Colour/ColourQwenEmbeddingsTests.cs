using LocalMultimodal.Errors;
using LocalMultimodal.Generation;
using LocalMultimodal.Media;
using LocalMultimodal.Prompts;
using LocalMultimodal.Sampling;
using LocalMultimodal.Tests.Models;

namespace LocalMultimodal.Tests.Colour;

/// <summary>
/// Precomputed image embeddings on the demo model in the Qwen2.5-VL layout: a red image's embeddings with their grid
/// answer red. A grid is refused where the model cannot use it (a projector without M-RoPE, audio).
/// </summary>
[Collection(NativeModelsCollection.Name)]
public sealed class ColourQwenEmbeddingsTests(ColourModelsFixture fixture)
{
    private static readonly ImageInput Red = ImageInput.FromPixels(64, 48, PixelFormat.Rgb24, ColourImages.Solid(64, 48, 230, 20, 30));

    [Fact]
    public async Task EmbeddingsOfARedImage_WithTheirGrid_AnswerRed_AsTheImageDoes()
    {
        await using var engine = await fixture.LoadAsync("qwen", o => o.EnableMediaEmbeddings = true);

        var embeddings = await engine.EncodeAsync(Red);
        var fromImage = await Ask(engine, Red);
        var fromEmbeddings = await Ask(engine, embeddings);

        Assert.Equal("red", fromEmbeddings.Text);
        Assert.Equal(fromImage.TokenIds, fromEmbeddings.TokenIds);
        Assert.Equal(new PatchGrid(1, 6, 8), embeddings.Grid);
        Assert.Equal(12, fromEmbeddings.Usage.ImageTokens);
    }

    [Fact]
    public async Task EmbeddingsWithoutTheirGrid_AreRefusedNamingIt()
    {
        await using var engine = await fixture.LoadAsync("qwen", o => o.EnableMediaEmbeddings = true);
        var embeddings = await engine.EncodeAsync(Red);

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => Ask(engine, EmbeddingInput.ForImage(embeddings.Embeddings!)));

        Assert.Equal("invalid_embeddings", error.Code);
        Assert.Contains("image_grid_thw", error.Message, StringComparison.Ordinal);
        Assert.Equal("red", (await Ask(engine, embeddings)).Text);
    }

    [Fact]
    public async Task AGrid_OnAProjectorWithoutMRope_IsRefusedNamingIt_NotIgnored()
    {
        await using var engine = await fixture.LoadAsync("gemma3", o => o.EnableMediaEmbeddings = true);
        var embeddings = await engine.EncodeAsync(Red);

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => Ask(engine, embeddings.WithGrid(1, 8, 8)));

        Assert.Null(embeddings.Grid);
        Assert.Equal("invalid_embeddings", error.Code);
        Assert.Equal("image_grid_thw", error.Param);
        Assert.Contains("cannot be honoured", error.Message, StringComparison.Ordinal);
        Assert.Equal("red", (await Ask(engine, embeddings)).Text);
    }

    [Fact]
    public async Task AGrid_OnAudioEmbeddings_IsRefused()
    {
        await using var engine = await fixture.LoadAsync("audio", o => o.EnableMediaEmbeddings = true);
        var embeddings = await engine.EncodeAsync(AudioInput.FromSamples(Tones.Sine(3000, 16000), 16000));

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => Ask(engine, embeddings.WithGrid(1, 2, 2)));

        Assert.Equal("invalid_embeddings", error.Code);
        Assert.Contains("audio embeddings take none", error.Message, StringComparison.Ordinal);
    }

    private static Task<GenerationResult> Ask(MultimodalEngine engine, MediaInput media) =>
        engine.ChatAsync([new ChatTurn("user", ChatTurnItem.FromMedia(media), ColourModelsFixture.Question)], SamplingOptions.Greedy(5)).CollectAsync();
}
