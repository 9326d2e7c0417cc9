using LocalMultimodal.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LocalMultimodal.AI.Hosting;

/// <summary>Loads the model while the host starts when <see cref="LocalMultimodalChatClientOptions.LoadAtStartup"/> says so.</summary>
internal sealed class EngineStartupService(EngineLifetime engine, IOptions<LocalMultimodalChatClientOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.LoadAtStartup)
        {
            await engine.GetAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
