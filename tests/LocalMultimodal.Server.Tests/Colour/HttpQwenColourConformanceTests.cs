using LocalMultimodal.Server.Hosting;
using LocalMultimodal.Server.Tests.Infrastructure;
using LocalMultimodal.Testing.Conformance;

namespace LocalMultimodal.Server.Tests.Colour;

/// <summary>The shared colour suite over HTTP on <c>--model demo:qwen2.5-vl</c>: the demo model in the Qwen2.5-VL layout (M-RoPE).</summary>
[Collection(QwenColourServerCollection.Name)]
public sealed class HttpQwenColourConformanceTests(QwenColourServerFixture fixture) : ColourConformanceTests
{
    protected override bool Letterboxes => false;

    protected override Task<SurfaceAnswer> AskAsync(string question, params SurfaceMedia[] media) =>
        HttpColourConformanceTests.AskAsync(fixture.Client, question, media);

    protected override async Task<SurfaceAnswer> AskOverABlackBackgroundAsync(string question, SurfaceMedia media)
    {
        var flags = ServerCommandLine.Parse(["--model", QwenColourServerFixture.Model, "--media-io-kwargs", """{"image":{"rgba_background_color":[0,0,0]}}"""], _ => null);
        await using var server = await DemoServer.StartBuiltInAsync(o =>
        {
            o.ModelPath = flags.ModelPath;
            o.MediaIo = flags.MediaIo;
        });
        return await HttpColourConformanceTests.AskAsync(server.Client, question, [media]);
    }
}
