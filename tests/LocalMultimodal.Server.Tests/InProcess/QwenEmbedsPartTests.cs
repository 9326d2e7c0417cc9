using System.Net;
using System.Text.Json.Nodes;
using LocalMultimodal.Media;
using LocalMultimodal.Server.Tests.Infrastructure;
using static LocalMultimodal.Server.Tests.Infrastructure.Api;
using static LocalMultimodal.Server.Tests.Infrastructure.DemoServer;

namespace LocalMultimodal.Server.Tests.InProcess;

/// <summary>
/// <c>image_embeds</c> on the demo model in the Qwen2.5-VL layout (M-RoPE), in vLLM's Qwen-VL form: an object of the
/// embeddings and their <c>image_grid_thw</c>, as a base64 tensor or a list. A red image's embeddings answer red; a
/// missing or malformed grid, or one that does not fit the rows, is a 400 and the server keeps serving.
/// </summary>
public sealed class QwenEmbedsPartTests(QwenEmbedsPartTests.Server fixture) : IClassFixture<QwenEmbedsPartTests.Server>
{
    // 64×48 pixels: 8×6 patches of 8, merged 2×2 into 4×3 = 12 tokens.
    private static readonly byte[] RedPng = ColourImages.SolidPng(64, 48, 230, 20, 30);

    [Fact]
    public async Task RedImageEmbeds_WithTheirGridAsATensor_AnswerRed_AsTheImageDoes()
    {
        var encoded = await EncodeRedAsync();
        var part = Embeds(encoded.Embeddings!, Base64(TensorFiles.NpyInt64([1, 3], [1, 6, 8])));

        var fromEmbeds = await AskAsync(part);

        Assert.Equal(new PatchGrid(1, 6, 8), encoded.Grid);
        Assert.Equal(("red", 12), fromEmbeds);
        Assert.Equal(await AskAsync(ImageUrl(DataUrls.Of(RedPng, "image/png"))), fromEmbeds);
    }

    [Fact]
    public async Task RedImageEmbeds_WithTheirGridAsAList_AnswerRed()
    {
        var encoded = await EncodeRedAsync();

        Assert.Equal(("red", 12), await AskAsync(Embeds(encoded.Embeddings!, new JsonArray(1, 6, 8))));
        Assert.Equal(("red", 12), await AskAsync(Embeds(encoded.Embeddings!, new JsonArray(new JsonArray(1, 6, 8)))));
    }

    [Fact]
    public async Task RedImageEmbeds_WithAUuid_AreServedFromTheCacheAfterwards()
    {
        string uuid = $"qwen-embeds-{Guid.NewGuid():N}";
        var encoded = await EncodeRedAsync();

        var first = await AskAsync(Embeds(encoded.Embeddings!, new JsonArray(1, 6, 8), uuid));
        var again = await AskAsync(Part("image_embeds", null, uuid));

        Assert.Equal(("red", 12), first);
        Assert.Equal(first, again);
    }

    /// <summary>Each grid as the JSON of the part's <c>image_grid_thw</c> value; null sends the embeddings alone.</summary>
    public static TheoryData<string, string?, string> BadGrids => new()
    {
        { "no grid", null, "send the grid" },
        { "t, h and w that make other tokens", "[1, 6, 10]", "makes 15 tokens" },
        { "a side not a multiple of the merge", "[1, 5, 8]", "multiples of this projector's spatial merge (2)" },
        { "two frames", "[2, 6, 8]", "t must be 1" },
        { "a zero", "[1, 0, 8]", "three positive whole numbers" },
        { "a negative", "[1, -6, 8]", "three positive whole numbers" },
        { "a fraction", "[1, 6.5, 8]", "three positive whole numbers" },
        { "two numbers", "[6, 8]", "shape (3) or (1, 3)" },
        { "two grids", "[[1, 6, 8], [1, 6, 8]]", "shape (3) or (1, 3)" },
        { "ragged lists", "[[1, 6], [8]]", "list of equal-length lists" },
        { "a number among lists", "[[1, 6, 8], 1]", "list of equal-length lists" },
        { "a string in the list", "[1, \"6\", 8]", "numbers only" },
        { "a huge number", "[1, 1e300, 8]", "numbers only" },
        { "a long list", $"[{string.Join(", ", Enumerable.Repeat(1, 100))}]", "more than 64 numbers" },
        { "an object", "{\"t\": 1}", "list of numbers" },
    };

    [Theory]
    [MemberData(nameof(BadGrids))]
    public async Task ImageEmbeds_WithAGridThatDoesNotFit_AreAnInvalidEmbeddings400_AndTheServerKeepsServing(string because, string? grid, string expected)
    {
        var encoded = await EncodeRedAsync();

        var response = await fixture.Client.PostChatAsync(Ask(Embeds(encoded.Embeddings!, grid is null ? null : JsonNode.Parse(grid)), Text("What colour is this?")));

        var error = await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_embeddings");
        Assert.True(((string?)error["message"])!.Contains(expected, StringComparison.Ordinal), $"{because}: {error["message"]}");
        Assert.Equal(("red", 12), await AskAsync(ImageUrl(DataUrls.Of(RedPng, "image/png"))));
    }

    public static TheoryData<string, long[]> WrongShapes => new()
    {
        { "hidden size", [12, 32] },
        { "token count", [11, 64] },
        { "rank", [12 * 64] },
    };

    [Theory]
    [MemberData(nameof(WrongShapes))]
    public async Task ImageEmbeds_OfTheWrongShape_WithAGrid_AreA400(string because, long[] shape)
    {
        var values = new float[shape.Aggregate(1L, (a, b) => a * b)];

        var response = await fixture.Client.PostChatAsync(Ask(Embeds(new EmbeddingTensor(shape, values), new JsonArray(1, 6, 8)), Text("What colour is this?")));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_embeddings");
        Assert.True(await AskAsync(ImageUrl(DataUrls.Of(RedPng, "image/png"))) == ("red", 12), because);
    }

    private static JsonObject Embeds(EmbeddingTensor embeddings, JsonNode? grid, string? uuid = null)
    {
        var value = new JsonObject { ["image_embeds"] = Base64(TensorFiles.Npy(embeddings)) };
        if (grid is not null)
        {
            value["image_grid_thw"] = grid;
        }

        return Part("image_embeds", value, uuid);
    }

    private static string Base64(byte[] bytes) => Convert.ToBase64String(bytes);

    private Task<EmbeddingInput> EncodeRedAsync() => fixture.Engine.EncodeAsync(ImageInput.FromEncoded(RedPng));

    private async Task<(string Text, int ImageTokens)> AskAsync(JsonObject part) =>
        await (await fixture.Client.PostChatAsync(Ask(part, Text("What colour is this?")))).AnswerAsync();

    /// <summary>One <c>--model demo:qwen2.5-vl --enable-mm-embeds</c> server for the class.</summary>
    public sealed class Server : IAsyncLifetime
    {
        private InProcessServer? _server;

        public HttpClient Client => _server!.Client;

        internal MultimodalEngine Engine => _server!.Host.EngineOrNull!;

        public async Task InitializeAsync() => _server = await StartBuiltInAsync(o =>
        {
            o.ModelPath = "demo:qwen2.5-vl";
            o.EnableMediaEmbeds = true;
        });

        public async Task DisposeAsync() => await _server!.DisposeAsync();
    }
}
