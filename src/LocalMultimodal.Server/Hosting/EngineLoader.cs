using LocalMultimodal.Errors;

namespace LocalMultimodal.Server.Hosting;

/// <summary>
/// Loads the engine while the server already listens (so <c>/health</c> can say "loading"). A model that cannot
/// be loaded stops the process with exit code 1 and a message naming the file.
/// </summary>
internal sealed partial class EngineLoader(
    EngineHost host, StartupBanner banner, IHostApplicationLifetime lifetime, ILogger<EngineLoader> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        lifetime.ApplicationStopping.Register(host.BeginDraining);

        // Load once Kestrel listens, so /health answers "loading" meanwhile and start-up lines come in order.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        banner.Listening();
        try
        {
            var engine = await host.LoadAsync(stoppingToken);
            banner.ModelReady(engine, host.EngineOptions);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped while loading; nothing to report.
        }
        catch (Exception e)
        {
            bool expected = e is ModelLoadException or Hub.HubException or ArgumentException or IOException or UnauthorizedAccessException;
            string reason = expected ? e.Message : $"{e.GetType().Name}: {e.Message}";

            // An expected failure's message says it all; a stack trace is for the unexpected ones.
            LogLoadFailed(expected ? null : e, reason);
            banner.LoadFailed(reason);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The model could not be loaded: {Reason}")]
    private partial void LogLoadFailed(Exception? exception, string reason);
}
