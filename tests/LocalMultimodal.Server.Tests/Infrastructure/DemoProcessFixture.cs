using LocalMultimodal.Models;

namespace LocalMultimodal.Server.Tests.Infrastructure;

/// <summary>
/// A real server process on the built-in demo model (written to a temporary folder), for third-party clients that
/// check answers: the tool round trips of the OpenAI .NET package and the <c>openai</c> npm package.
/// </summary>
public sealed class DemoProcessFixture : IAsyncLifetime
{
    private TempFolder? _folder;
    private ServerProcess? _server;

    public string BaseUrl => _server!.BaseUrl;

    public async Task InitializeAsync()
    {
        _folder = new TempFolder();
        DemoModelFiles files = DemoModel.EnsureWritten(_folder.Path);
        _server = await ServerProcess.StartAsync("--model", files.Llm, "--mmproj", files.Projector, "--parallel", "2");
    }

    public async Task DisposeAsync()
    {
        await _server!.DisposeAsync();
        _folder!.Dispose();
    }
}
