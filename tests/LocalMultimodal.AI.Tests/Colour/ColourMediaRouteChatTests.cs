using LocalMultimodal.AI.Tests.Fakes;
using LocalMultimodal.Fetching;
using LocalMultimodal.Media;
using Microsoft.Extensions.AI;

namespace LocalMultimodal.AI.Tests.Colour;

/// <summary>
/// One image by every route the <see cref="IChatClient"/> takes gives one answer: DataContent bytes, a data: URI, an
/// http URL, a file: URL and raw pixels.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class ColourMediaRouteChatTests(DemoModelFixture demo) : IAsyncLifetime
{
    private const string Question = "What colour is this?";
    private readonly DirectoryInfo _media = Directory.CreateTempSubdirectory("lmm-ai-colour-media-");
    private StaticHttpServer _server = null!;
    private IChatClient _client = null!;

    public Task InitializeAsync()
    {
        _server = new StaticHttpServer(new()
        {
            ["/orange.png"] = ("image/png", OrangePng()),
            ["/wide-white.png"] = ("image/png", WideWhitePng()),
        });
        File.WriteAllBytes(Path.Combine(_media.FullName, "orange.png"), OrangePng());
        File.WriteAllBytes(Path.Combine(_media.FullName, "wide-white.png"), WideWhitePng());
        _client = demo.Engine.AsIChatClient(new MediaFetchOptions { AllowPrivateAddresses = true, AllowedLocalMediaPath = _media.FullName });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
        _media.Delete(recursive: true);
    }

    /// <summary>An orange shade, and a 2:1 white image that only the letterbox makes gray: every route keeps the size.</summary>
    [Theory]
    [InlineData("orange.png", 48, 48, 240, 130, 20, "orange")]
    [InlineData("wide-white.png", 128, 64, 255, 255, 255, "gray")]
    public async Task SameImage_ByEveryRoute_GivesTheSameAnswer(string name, int width, int height, byte r, byte g, byte b, string expected)
    {
        byte[] rgb = ColourImages.Solid(width, height, r, g, b);
        byte[] png = ColourImages.Png(width, height, rgb);
        AIContent[] routes =
        [
            new DataContent(png, "image/png"),
            new DataContent($"data:image/png;base64,{Convert.ToBase64String(png)}"),
            new UriContent(_server.Url($"/{name}"), "image/png"),
            new UriContent(new Uri(Path.Combine(_media.FullName, name)), "image/png"),
            new MediaInputContent(ImageInput.FromPixels(width, height, PixelFormat.Rgb24, rgb)),
        ];

        var answers = new List<string>();
        foreach (AIContent route in routes)
        {
            answers.Add(await DemoModelFixture.AskAsync(_client, Question, route));
        }

        Assert.Equal(Enumerable.Repeat(expected, routes.Length), answers);
        Assert.Equal([$"/{name}"], _server.RequestedPaths);
    }

    private static byte[] OrangePng() => ColourImages.Png(48, 48, ColourImages.Solid(48, 48, 240, 130, 20));

    private static byte[] WideWhitePng() => ColourImages.Png(128, 64, ColourImages.Solid(128, 64, 255, 255, 255));
}
