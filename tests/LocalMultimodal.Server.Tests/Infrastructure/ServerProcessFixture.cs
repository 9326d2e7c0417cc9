namespace LocalMultimodal.Server.Tests.Infrastructure;

/// <summary>
/// A real server process for the third-party clients: the generated omni pair served as <see cref="ModelName"/>,
/// two images and one audio clip per prompt, and a static media server on loopback (hence private addresses allowed).
/// </summary>
public sealed class ServerProcessFixture : IAsyncLifetime
{
    public const string ModelName = "local-omni";

    private ServerProcess? _server;
    private StaticMediaServer? _media;

    public string BaseUrl => _server!.BaseUrl;

    public string MediaUrl => _media!.BaseUrl;

    internal StaticMediaServer Media => _media!;

    public async Task InitializeAsync()
    {
        _media = await StaticMediaServer.StartAsync();
        _server = await ServerProcess.StartAsync(
            "--model", TestModels.Llm,
            "--mmproj", TestModels.Projector,
            "--served-model-name", ModelName,
            "--allow-private-media-addresses",
            "--limit-mm-per-prompt", """{"image":2,"audio":1}""",
            "--ctx-size", "2048",
            "--parallel", "2");
    }

    public async Task DisposeAsync()
    {
        await _server!.DisposeAsync();
        await _media!.DisposeAsync();
    }
}
