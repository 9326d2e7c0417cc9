using LocalMultimodal.Server.Hosting;
using LocalMultimodal.Server.Tests.Infrastructure;
using static LocalMultimodal.Server.Tests.Infrastructure.Api;

namespace LocalMultimodal.Server.Tests.Colour;

/// <summary><c>--media-io-kwargs</c>'s background colour reaches the compositing of images with alpha.</summary>
public sealed class ColourBackgroundFlagTests
{
    [Fact]
    public async Task TransparentPng_IsBlack_WithABlackRgbaBackground()
    {
        var flags = ServerCommandLine.Parse(["--media-io-kwargs", """{"image":{"rgba_background_color":[0,0,0]}}"""], _ => null);
        await using var server = await DemoServer.StartAsync(o => o.MediaIo = flags.MediaIo);
        byte[] png = ColourImages.PngRgba(64, 64, ColourImages.SolidRgba(64, 64, 255, 0, 0, alpha: 0));

        string answer = await server.Client.AskAsync(Text("What colour is this?"), ImageUrl(TestMedia.DataUrl(png, "image/png")));

        Assert.Equal("black", answer);
    }
}
