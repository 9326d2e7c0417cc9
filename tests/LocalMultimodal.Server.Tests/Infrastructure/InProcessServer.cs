using LocalMultimodal.Media;
using LocalMultimodal.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace LocalMultimodal.Server.Tests.Infrastructure;

/// <summary>The real server (Kestrel on 127.0.0.1, a free port) on the generated models, in the test process.</summary>
internal sealed class InProcessServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessServer(WebApplication app, ServerOptions options)
    {
        _app = app;
        Options = options;
        var address = app.Services.GetRequiredService<StartupBanner>().Addresses.Single();
        Client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) };
    }

    public ServerOptions Options { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public EngineHost Host => _app.Services.GetRequiredService<EngineHost>();

    /// <summary>Options every test server starts from: the generated omni pair, small and quick.</summary>
    public static ServerOptions DefaultOptions() => new()
    {
        ModelPath = TestModels.Llm,
        ProjectorPath = TestModels.Projector,
        Port = 0,
        ContextSize = 2048,
        Parallel = 2,
        Threads = 1,
        LimitPerPrompt = new Dictionary<MediaModality, int> { [MediaModality.Image] = 2, [MediaModality.Audio] = 1 },
    };

    /// <summary>Starts a server; unless told not to, waits until the model is loaded.</summary>
    public static async Task<InProcessServer> StartAsync(
        Action<ServerOptions>? configure = null, Action<IServiceCollection>? services = null, bool waitUntilReady = true)
    {
        var options = DefaultOptions();
        configure?.Invoke(options);
        var app = ServerApp.Build(options, services);
        await app.StartAsync();
        var server = new InProcessServer(app, options);
        if (waitUntilReady)
        {
            await server.WaitForAsync(EngineState.Ready);
        }

        return server;
    }

    public async Task WaitForAsync(EngineState state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Host.State != state)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The server did not reach {state}; it is {Host.State}.");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
