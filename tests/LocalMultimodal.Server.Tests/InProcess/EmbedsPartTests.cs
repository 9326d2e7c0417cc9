using System.Net;
using System.Text.Json.Nodes;
using LocalMultimodal.Media;
using LocalMultimodal.Server.Tests.Infrastructure;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using static LocalMultimodal.Server.Tests.Infrastructure.Api;
using static LocalMultimodal.Server.Tests.Infrastructure.DemoServer;

namespace LocalMultimodal.Server.Tests.InProcess;

/// <summary>
/// <c>image_embeds</c> and <c>audio_embeds</c> with <c>--enable-mm-embeds</c>: the projector's own output, sent back as
/// .npy or safetensors, gets the answer the media gets; every bad tensor is a 400 and the server keeps serving.
/// </summary>
[Collection(DemoServerCollection.Name)]
public sealed class EmbedsPartTests(DemoServerFixture fixture)
{
    private static readonly byte[] OrangePng = Png(255, 140, 0);

    [Fact]
    public async Task ImageEmbeds_AsNpy_GetTheAnswerOfTheImage()
    {
        var embeddings = await EncodeOrangeAsync();

        var fromImage = await AskAsync(ImageUrl(DataUrls.Of(OrangePng, "image/png")));
        var fromEmbeds = await AskAsync(Part("image_embeds", Base64(TensorFiles.Npy(embeddings))));

        Assert.Equal(("orange", TokensPerFrame), fromImage);
        Assert.Equal(fromImage, fromEmbeds);
    }

    [Fact]
    public async Task ImageEmbeds_AsSafetensors_GetTheAnswerOfTheImage()
    {
        var embeddings = await EncodeOrangeAsync();

        var fromEmbeds = await AskAsync(Part("image_embeds", Base64(TensorFiles.Safetensors("embeddings", embeddings))));

        Assert.Equal(await AskAsync(ImageUrl(DataUrls.Of(OrangePng, "image/png"))), fromEmbeds);
    }

    [Fact]
    public async Task ImageEmbeds_AsAnObjectOfNamedTensors_TakeTheMainOneByThePartName()
    {
        var embeddings = await EncodeOrangeAsync();
        var named = new JsonObject { ["image_embeds"] = Base64(TensorFiles.Npy(embeddings)) };

        Assert.Equal(("orange", TokensPerFrame), await AskAsync(Part("image_embeds", named)));
    }

    /// <summary>This projector lays image rows out in a line: a grid it cannot honour is refused, not dropped.</summary>
    [Theory]
    [InlineData("image_grid_thw", "cannot be honoured")]
    [InlineData("image_sizes", "'image_sizes'")]
    public async Task ImageEmbeds_WithAnExtraThisModelDoesNotUse_AreA400NamingIt(string extra, string expected)
    {
        var embeddings = await EncodeOrangeAsync();
        var named = new JsonObject
        {
            ["image_embeds"] = Base64(TensorFiles.Npy(embeddings)),
            [extra] = Base64(TensorFiles.Npy([3], [1f, 4f, 4f])),
        };

        var response = await fixture.Client.PostChatAsync(Ask(Part("image_embeds", named), Text("What colour is this?")));

        var error = await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_embeddings");
        Assert.Contains(expected, (string?)error["message"]);
        Assert.True(await ServesAsync());
    }

    [Fact]
    public async Task AudioEmbeds_AsNpy_AreHeardLikeTheClip()
    {
        var embeddings = await fixture.Engine.EncodeAsync(AudioInput.FromEncoded(fixture.HighTones["flac"], format: "flac"));

        var response = await fixture.Client.PostChatAsync(Ask(Part("audio_embeds", Base64(TensorFiles.Npy(embeddings.Embeddings!)))));

        Assert.Equal("high", (await response.AnswerAsync()).Text);
    }

    [Fact]
    public async Task UuidOnlyImageEmbeds_AfterTheyWereSent_AreAnsweredFromTheCache()
    {
        string uuid = $"embeds-{Guid.NewGuid():N}";
        var embeddings = await EncodeOrangeAsync();
        var first = await AskAsync(Part("image_embeds", Base64(TensorFiles.Npy(embeddings)), uuid));

        var again = await AskAsync(Part("image_embeds", null, uuid));

        Assert.Equal(("orange", TokensPerFrame), first);
        Assert.Equal(first, again);
    }

    [Fact]
    public async Task UuidOnlyImageEmbeds_NeverSent_FailNamingTheUuid()
    {
        var response = await fixture.Client.PostChatAsync(Ask(Part("image_embeds", null, "never-sent-embeds")));

        var error = await response.AssertErrorAsync(HttpStatusCode.BadRequest, "media_cache_miss");
        Assert.Contains("never-sent-embeds", (string?)error["message"]);
    }

    public static TheoryData<string, long[]> WrongShapes => new()
    {
        { "hidden size", [16, 32] },
        { "token count", [15, 64] },
        { "rank", [16 * 64] },
    };

    [Theory]
    [MemberData(nameof(WrongShapes))]
    public async Task ImageEmbeds_OfTheWrongShape_AreA400_AndTheServerKeepsServing(string because, long[] shape)
    {
        var values = new float[shape.Aggregate(1L, (a, b) => a * b)];

        var response = await fixture.Client.PostChatAsync(Ask(Part("image_embeds", Base64(TensorFiles.Npy(shape, values)))));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_embeddings");
        Assert.True(await ServesAsync(), because);
    }

    [Fact]
    public async Task ImageEmbeds_WithNaN_AreA400_AndTheServerKeepsServing()
    {
        var values = new float[16 * 64];
        values[100] = float.NaN;

        var response = await fixture.Client.PostChatAsync(Ask(Part("image_embeds", Base64(TensorFiles.Npy([16, 64], values)))));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_embeddings");
        Assert.True(await ServesAsync());
    }

    /// <summary>Each payload as the JSON text of the part's <c>image_embeds</c> value, so each case runs on its own.</summary>
    public static TheoryData<string, string> BadPayloads => new()
    {
        { "not a tensor", Quoted(Base64("just some bytes that are no tensor"u8.ToArray())) },
        { "not base64", "\"@@@\"" },
        { "a number", "42" },
        { "no main tensor", $$"""{"image_grid_thw": {{Quoted(Base64(TensorFiles.Npy([3], [1f, 4f, 4f])))}}}""" },
        { "a named tensor that is not a string", """{"image_embeds": 1}""" },
        { "a truncated .npy", Quoted(Base64(TensorFiles.Npy([16, 64], new float[16 * 64])[..300])) },
    };

    [Theory]
    [MemberData(nameof(BadPayloads))]
    public async Task ImageEmbeds_ThatAreNoTensor_AreAnInvalidEmbeddings400(string because, string payload)
    {
        var response = await fixture.Client.PostChatAsync(Ask(Part("image_embeds", JsonNode.Parse(payload))));

        var error = await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_embeddings");
        Assert.StartsWith("messages[0].content[0].image_embeds", (string?)error["param"]);
        Assert.True(await ServesAsync(), because);
    }

    private static string Quoted(string text) => $"\"{text}\"";

    private static string Base64(byte[] bytes) => Convert.ToBase64String(bytes);

    private async Task<EmbeddingTensor> EncodeOrangeAsync() =>
        (await fixture.Engine.EncodeAsync(ImageInput.FromEncoded(OrangePng))).Embeddings!;

    private async Task<(string Text, int ImageTokens)> AskAsync(JsonObject part) =>
        await (await fixture.Client.PostChatAsync(Ask(part, Text("What colour is this?")))).AnswerAsync();

    private async Task<bool> ServesAsync() =>
        (await AskAsync(ImageUrl(DataUrls.Of(OrangePng, "image/png")))).Text == "orange";

    private static byte[] Png(byte r, byte g, byte b)
    {
        using var image = new Image<Rgb24>(32, 32, new Rgb24(r, g, b));
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }
}
