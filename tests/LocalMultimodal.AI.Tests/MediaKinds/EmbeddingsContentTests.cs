using LocalMultimodal.Errors;
using LocalMultimodal.Media;
using Microsoft.Extensions.AI;
using static LocalMultimodal.AI.Tests.MediaKinds.DemoEngineFixture;

namespace LocalMultimodal.AI.Tests.MediaKinds;

/// <summary>
/// Precomputed embeddings as <see cref="MediaInputContent"/> over an <see cref="EmbeddingInput"/>: the projector's own
/// output gets the answer the media gets; a wrong tensor, or embeddings while they are off, are refused.
/// </summary>
[Collection(DemoEngineCollection.Name)]
public sealed class EmbeddingsContentTests(DemoEngineFixture fixture)
{
    private static readonly ImageInput Orange = ImageInput.FromPixels(32, 32, PixelFormat.Rgb24, Enumerable.Range(0, 32 * 32).SelectMany(_ => new byte[] { 255, 140, 0 }).ToArray());

    [Fact]
    public async Task ImageEmbeddings_GetTheAnswerOfTheImage()
    {
        var embeddings = await fixture.Engine.EncodeAsync(Orange);

        var fromImage = await fixture.Client.AskAsync(new MediaInputContent(Orange));
        var fromEmbeddings = await fixture.Client.AskAsync(new MediaInputContent(embeddings));

        Assert.Equal(("orange", TokensPerFrame), fromImage);
        Assert.Equal(fromImage, fromEmbeddings);
    }

    [Fact]
    public async Task AudioEmbeddings_AreHeardLikeTheClip()
    {
        var embeddings = await fixture.Engine.EncodeAsync(AudioInput.FromEncoded(fixture.HighTones["mp3"], format: "mp3"));

        Assert.Equal("high", (await fixture.Client.AskAsync(new MediaInputContent(embeddings))).Text);
    }

    [Fact]
    public async Task ImageEmbeddings_WithAUuid_CanBeReferencedAfterwards()
    {
        string uuid = $"embeds-{Guid.NewGuid():N}";
        var encoded = (await fixture.Engine.EncodeAsync(Orange)).Embeddings!;
        var first = await fixture.Client.AskAsync(new MediaInputContent(EmbeddingInput.ForImage(encoded, uuid)));

        var again = await fixture.Client.AskAsync(MediaReferenceContent.Image(uuid));

        Assert.Equal(("orange", TokensPerFrame), first);
        Assert.Equal(first, again);
    }

    public static TheoryData<string, long[]> WrongShapes => new()
    {
        { "hidden size", [16, 32] },
        { "token count", [15, 64] },
        { "rank", [16 * 64] },
    };

    [Theory]
    [MemberData(nameof(WrongShapes))]
    public async Task ImageEmbeddings_OfTheWrongShape_AreRefused_AndTheClientKeepsAnswering(string because, long[] shape)
    {
        var tensor = new EmbeddingTensor(shape, new float[shape.Aggregate(1L, (a, b) => a * b)]);

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => fixture.Client.AskAsync(new MediaInputContent(EmbeddingInput.ForImage(tensor))));

        Assert.True(error.Code == "invalid_embeddings", because);
        Assert.Equal("orange", (await fixture.Client.AskAsync(new MediaInputContent(Orange))).Text);
    }

    [Fact]
    public async Task ImageEmbeddings_WithNaN_AreRefused()
    {
        var values = new float[16 * 64];
        values[7] = float.NaN;

        var error = await Assert.ThrowsAsync<InvalidRequestException>(
            () => fixture.Client.AskAsync(new MediaInputContent(EmbeddingInput.ForImage(new EmbeddingTensor([16, 64], values)))));

        Assert.Equal("invalid_embeddings", error.Code);
    }

    [Fact]
    public async Task ImageEmbeddings_WhileTheEngineHasThemOff_AreRefused()
    {
        var options = fixture.EngineOptions();
        options.EnableMediaEmbeddings = false;
        await using var engine = await MultimodalEngine.LoadAsync(options);
        using var client = engine.AsIChatClient();
        var embeddings = await fixture.Engine.EncodeAsync(Orange);

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => client.AskAsync(new MediaInputContent(embeddings)));

        Assert.Equal("embeddings_disabled", error.Code);
    }
}
