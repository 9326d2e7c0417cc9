using System.Text.Json;
using LocalMultimodal.Errors;
using LocalMultimodal.Media;
using LocalMultimodal.Models;
using Microsoft.Extensions.AI;

namespace LocalMultimodal.AI.Tests.MediaKinds;

/// <summary>
/// Precomputed image embeddings through the chat client on the demo model in the Qwen2.5-VL layout (M-RoPE): with the
/// grid <see cref="MultimodalEngine.EncodeAsync"/> gives them, or with it in
/// <c>AdditionalProperties["image_grid_thw"]</c>, a red image's embeddings answer red; without a grid, or with one that
/// does not fit, they are refused with <c>invalid_embeddings</c> and the client keeps answering.
/// </summary>
public sealed class QwenEmbeddingsContentTests(QwenEmbeddingsContentTests.Engine fixture) : IClassFixture<QwenEmbeddingsContentTests.Engine>
{
    // 64×48 pixels: 8×6 patches of 8, merged 2×2 into 4×3 = 12 tokens.
    private static readonly ImageInput Red = ImageInput.FromPixels(64, 48, PixelFormat.Rgb24, ColourImages.Solid(64, 48, 230, 20, 30));

    [Fact]
    public async Task RedImageEmbeddings_WithTheirGrid_AnswerRed_AsTheImageDoes()
    {
        var encoded = await fixture.Model.EncodeAsync(Red);

        var fromEmbeddings = await fixture.Client.AskAsync(new MediaInputContent(encoded));

        Assert.Equal(new PatchGrid(1, 6, 8), encoded.Grid);
        Assert.Equal(("red", 12), fromEmbeddings);
        Assert.Equal(await fixture.Client.AskAsync(new MediaInputContent(Red)), fromEmbeddings);
    }

    public static TheoryData<string, object> GridValues => new()
    {
        { "a PatchGrid", new PatchGrid(1, 6, 8) },
        { "an int[]", new[] { 1, 6, 8 } },
        { "a long[]", new long[] { 1, 6, 8 } },
        { "a JSON array", JsonSerializer.SerializeToElement(new[] { 1, 6, 8 }) },
    };

    [Theory]
    [MemberData(nameof(GridValues))]
    public async Task RedImageEmbeddings_WithTheGridInAdditionalProperties_AnswerRed(string because, object grid)
    {
        var rows = (await fixture.Model.EncodeAsync(Red)).Embeddings!;
        var content = new MediaInputContent(EmbeddingInput.ForImage(rows))
        {
            AdditionalProperties = new() { [LocalMultimodalPropertyNames.ImageGridThw] = grid },
        };

        Assert.True(await fixture.Client.AskAsync(content) == ("red", 12), because);
    }

    public static TheoryData<string, object?> BadGrids => new()
    {
        { "no grid", null },
        { "a grid of other tokens", new[] { 1, 6, 10 } },
        { "two numbers", new[] { 6, 8 } },
        { "a string", "1, 6, 8" },
        { "a zero", new[] { 1, 0, 8 } },
        { "another grid than the embeddings'", new[] { 1, 8, 6 } },
    };

    [Theory]
    [MemberData(nameof(BadGrids))]
    public async Task ImageEmbeddings_WithoutAGridThatFits_AreRefused_AndTheClientKeepsAnswering(string because, object? grid)
    {
        var encoded = await fixture.Model.EncodeAsync(Red);
        var media = because == "another grid than the embeddings'" ? encoded : EmbeddingInput.ForImage(encoded.Embeddings!);
        var content = new MediaInputContent(media);
        if (grid is not null)
        {
            content.AdditionalProperties = new() { [LocalMultimodalPropertyNames.ImageGridThw] = grid };
        }

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => fixture.Client.AskAsync(content));

        Assert.True(error.Code == "invalid_embeddings", because);
        Assert.Contains("image_grid_thw", error.Message + error.Param, StringComparison.Ordinal);
        Assert.Equal(("red", 12), await fixture.Client.AskAsync(new MediaInputContent(encoded)));
    }

    [Fact]
    public async Task AGridInAdditionalProperties_OnOtherMedia_IsRefused_NotDropped()
    {
        var content = new MediaInputContent(Red) { AdditionalProperties = new() { [LocalMultimodalPropertyNames.ImageGridThw] = new[] { 1, 6, 8 } } };

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => fixture.Client.AskAsync(content));

        Assert.Equal(LocalMultimodalPropertyNames.ImageGridThw, error.Param);
    }

    /// <summary>One engine on the demo model in the Qwen2.5-VL layout with embeddings on, and a client over it.</summary>
    public sealed class Engine : IAsyncLifetime
    {
        private readonly TempFolder _folder = new();

        public MultimodalEngine Model { get; private set; } = null!;

        public IChatClient Client { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var files = DemoModel.EnsureWritten(_folder.Path, DemoModelLayout.Qwen25VL);
            Model = await MultimodalEngine.LoadAsync(new EngineOptions
            {
                ModelPath = files.Llm,
                ProjectorPath = files.Projector,
                ContextSize = 4096,
                Threads = 2,
                EnableMediaEmbeddings = true,
            });
            Client = Model.AsIChatClient();
        }

        public async Task DisposeAsync()
        {
            Client.Dispose();
            await Model.DisposeAsync();
            _folder.Dispose();
        }
    }
}
