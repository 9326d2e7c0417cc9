using LocalMultimodal.Errors;

namespace LocalMultimodal.Server.Hosting;

/// <summary>
/// Loads the engine while the server already listens (so <c>/health</c> can say "loading"). A model that cannot
/// be loaded stops the process with exit code 1 and a message naming the file.
/// </summary>
internal sealed partial class EngineLoader(
    ServerOptions options, EngineHost host, LoadEngine load, StartupBanner banner, IHostApplicationLifetime lifetime, ILoggerFactory loggerFactory, ILogger<EngineLoader> logger)
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
            var (model, projector) = await HubModelSource.ResolveAsync(options, loggerFactory.CreateLogger(HubModelSource.LogCategory), stoppingToken);
            var engineOptions = CreateEngineOptions(model, projector);
            var engine = await load(engineOptions, stoppingToken);
            host.SetReady(engine);
            banner.ModelReady(engine, engineOptions);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped while loading; nothing to report.
        }
        catch (Exception e)
        {
            host.SetFailed();
            bool expected = e is ModelLoadException or Hub.HubException or ArgumentException or IOException or UnauthorizedAccessException;
            string reason = expected ? e.Message : $"{e.GetType().Name}: {e.Message}";

            // An expected failure's message says it all; a stack trace is for the unexpected ones.
            LogLoadFailed(expected ? null : e, reason);
            banner.LoadFailed(reason);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
    }

    private EngineOptions CreateEngineOptions(string model, string? projector)
    {
        var engineOptions = new EngineOptions
        {
            ModelPath = model,
            ProjectorPath = projector,
            ContextSize = options.ContextSize,
            GpuLayers = options.GpuLayers,
            MaxConcurrentSequences = options.Parallel,
            MaxQueuedRequests = options.MaxQueuedRequests,
            StepTokenBudget = options.MaxNumBatchedTokens,
            EnablePrefixCaching = options.EnablePrefixCaching,
            MediaCacheBytes = (long)(options.MediaCacheGiB * 1024 * 1024 * 1024),
            ChatTemplate = options.ChatTemplate,
            EnableMediaEmbeddings = options.EnableMediaEmbeds,
            LimitPerPrompt = new Dictionary<Media.MediaModality, int>(options.LimitPerPrompt),
        };
        engineOptions.Media.Image.RgbaBackgroundColor = options.MediaIo.RgbaBackgroundColor;
        engineOptions.Media.Video.FrameRecovery = options.MediaIo.VideoFrameRecovery;
        if (options.MediaIo.VideoNumFrames is { } frames)
        {
            engineOptions.Media.Video.NumFrames = frames;
        }

        if (options.MediaIo.AudioMaxDurationSeconds is { } seconds)
        {
            engineOptions.Media.Audio.MaxDurationSeconds = seconds;
        }

        if (options.Threads is { } threads)
        {
            engineOptions.Threads = threads;
        }

        return engineOptions;
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The model could not be loaded: {Reason}")]
    private partial void LogLoadFailed(Exception? exception, string reason);
}
