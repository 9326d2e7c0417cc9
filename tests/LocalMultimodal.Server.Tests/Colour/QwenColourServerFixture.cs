using LocalMultimodal.Server.Tests.Infrastructure;

namespace LocalMultimodal.Server.Tests.Colour;

/// <summary>One server started as <c>--model demo:qwen2.5-vl</c>.</summary>
public sealed class QwenColourServerFixture : IAsyncLifetime
{
    public const string Model = "demo:qwen2.5-vl";

    private InProcessServer? _server;

    public HttpClient Client => _server!.Client;

    public async Task InitializeAsync() => _server = await DemoServer.StartBuiltInAsync(o => o.ModelPath = Model);

    public async Task DisposeAsync() => await _server!.DisposeAsync();
}
