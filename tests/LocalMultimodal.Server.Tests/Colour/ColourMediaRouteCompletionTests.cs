using LocalMultimodal.Server.Tests.Infrastructure;
using static LocalMultimodal.Server.Tests.Infrastructure.Api;

namespace LocalMultimodal.Server.Tests.Colour;

/// <summary>
/// One image by every <c>image_url</c> route gives one answer: a data URL, an http URL and a file URL. The
/// answers every surface shares are in <see cref="HttpColourConformanceTests"/>.
/// </summary>
[Collection(ColourServerCollection.Name)]
public sealed class ColourMediaRouteCompletionTests(ColourServerFixture fixture)
{
    /// <summary>An orange shade, and a 2:1 white image that only the letterbox makes gray: every route keeps the size.</summary>
    [Theory]
    [InlineData("orange.png", "orange")]
    [InlineData("wide-white.png", "gray")]
    public async Task SameImage_ByDataHttpAndFileUrl_GivesTheSameAnswer(string name, string expected)
    {
        string[] urls =
        [
            DataUrls.Of(ColourServerFixture.Images[name], "image/png"),
            fixture.Media.Url(name),
            new Uri(Path.Combine(fixture.LocalMedia.FullName, name)).AbsoluteUri,
        ];

        var answers = new List<string>();
        foreach (string url in urls)
        {
            answers.Add(await fixture.Client.AskAsync(Text("What colour is this?"), ImageUrl(url)));
        }

        Assert.Equal([expected, expected, expected], answers);
        Assert.Contains($"/{name}", fixture.Media.Requests);
    }

    /// <summary>vLLM's <c>ignore_eos</c>: the model's answer ends its turn after one word, unless told to go on to max_tokens.</summary>
    [Fact]
    public async Task IgnoreEos_GoesPastTheEndOfTheAnswerToMaxTokens()
    {
        string url = DataUrls.Of(ColourServerFixture.Images["orange.png"], "image/png");
        var request = DemoServer.Request(Text("What colour is this?"), ImageUrl(url)).With("max_tokens", 6);

        var answer = await (await fixture.Client.PostChatAsync(request)).AssertAnswerAsync();
        var onward = await (await fixture.Client.PostChatAsync(request.DeepClone().AsObject().With("ignore_eos", true))).AssertAnswerAsync();

        Assert.Equal("stop", (string?)answer["choices"]![0]!["finish_reason"]);
        Assert.True((int)answer["usage"]!["completion_tokens"]! < 6);
        Assert.Equal("length", (string?)onward["choices"]![0]!["finish_reason"]);
        Assert.Equal(6, (int)onward["usage"]!["completion_tokens"]!);
        Assert.StartsWith("orange", (string?)onward["choices"]![0]!["message"]!["content"], StringComparison.Ordinal);
    }
}
