using LocalMultimodal.Media;
using Microsoft.Extensions.AI;

namespace LocalMultimodal.AI.Tests.Colour;

/// <summary>
/// What only the <see cref="IChatClient"/> can pass: raw pixels in a <see cref="MediaInputContent"/>. The answers every
/// surface shares are in <see cref="ChatClientColourConformanceTests"/>.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class ColourImageChatTests(DemoModelFixture demo) : IDisposable
{
    private readonly IChatClient _client = demo.Engine.AsIChatClient();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task BgrBytesOfRed_PassedAsRgbPixels_AreBlue()
    {
        byte[] bgr = ColourImages.SwapRedAndBlue(ColourImages.Solid(64, 64, 255, 0, 0));

        string answer = await DemoModelFixture.AskAsync(_client, "What colour is this?", new MediaInputContent(ImageInput.FromPixels(64, 64, PixelFormat.Rgb24, bgr)));

        Assert.Equal("blue", answer);
    }
}
