namespace LocalMultimodal.Server.Hosting;

/// <summary>Turns the server's vLLM-named flags into the engine's options.</summary>
internal static class ServerEngineOptions
{
    /// <summary>The engine options the server's flags ask for (the README's flag table names each pair).</summary>
    public static EngineOptions Create(ServerOptions options, string model, string? projector)
    {
        var engineOptions = new EngineOptions
        {
            ModelPath = model,
            ProjectorPath = projector,
            ContextSize = options.ContextSize,
            GpuLayers = options.GpuLayers,
            MaxConcurrentSequences = options.Parallel,
            ImageMinTokens = options.ImageMinTokens,
            ImageMaxTokens = options.ImageMaxTokens,
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

        engineOptions.Media.Video.Fps = options.MediaIo.VideoFps;
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
}
