using LocalMultimodal.Server.Tests.Infrastructure;
using static LocalMultimodal.Server.Tests.Infrastructure.Api;

namespace LocalMultimodal.Server.Tests.Colour;

/// <summary>
/// One image by every <c>image_url</c> route gives one answer: a data URL, an http URL and a file URL, and a uuid-only
/// part once the image was sent with that uuid.
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
            TestMedia.DataUrl(ColourServerFixture.Images[name], "image/png"),
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

    [Fact]
    public async Task UuidOnlyRepeat_AnswersAsTheFirstRequest()
    {
        string uuid = $"purple-{Guid.NewGuid():N}";
        byte[] png = ColourImages.Png(64, 64, ColourImages.Solid(64, 64, 110, 30, 130));

        string first = await fixture.Client.AskAsync(Text("What colour is this?"), ImageUrl(TestMedia.DataUrl(png, "image/png"), uuid));

        // {"type":"image_url","image_url":null,"uuid":"..."}: no data, only the uuid.
        string repeat = await fixture.Client.AskAsync(Text("And this one?"), Part("image_url", null, uuid));

        Assert.Equal("purple", first);
        Assert.Equal("purple", repeat);
    }
}
