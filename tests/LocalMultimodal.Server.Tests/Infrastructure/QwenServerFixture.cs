using LocalMultimodal.Models;

namespace LocalMultimodal.Server.Tests.Infrastructure;

/// <summary>One server on the generated Qwen2.5-VL pair (a dynamic-resolution projector: one token per 16×16 pixels).</summary>
public sealed class QwenServerFixture : IAsyncLifetime
{
    private InProcessServer? _server;

    public HttpClient Client => _server!.Client;

    public async Task InitializeAsync()
    {
        var (llm, projector) = TestModels.Pair(ProjectorKind.Qwen25VL);
        _server = await InProcessServer.StartAsync(o =>
        {
            o.ModelPath = llm;
            o.ProjectorPath = projector;
        });
    }

    public async Task DisposeAsync() => await _server!.DisposeAsync();
}
