using LocalMultimodal.Server.Errors;

namespace LocalMultimodal.Server.Hosting;

/// <summary>Holds the engine once it is loaded, and the server's state; owns the engine and disposes it last.</summary>
internal sealed class EngineHost(ServerOptions options) : IAsyncDisposable
{
    private volatile MultimodalEngine? engine;
    private volatile EngineState state = EngineState.Loading;

    public EngineState State => state;

    public MultimodalEngine? EngineOrNull => engine;

    /// <summary>When the model finished loading: the <c>created</c> time of its model card.</summary>
    public DateTimeOffset LoadedAt { get; private set; }

    /// <summary>The name answers report and <c>/v1/models</c> lists first.</summary>
    public string ModelId => options.ServedModelNames.FirstOrDefault() ?? engine?.Capabilities.ModelName ?? "loading";

    /// <summary>The names a request's <c>model</c> may use.</summary>
    public IReadOnlyList<string> ModelIds => options.ServedModelNames.Count > 0 ? [.. options.ServedModelNames] : [ModelId];

    /// <summary>The engine, when requests may use it; otherwise a 503 naming why.</summary>
    public MultimodalEngine Require() => state == EngineState.Ready ? engine! : throw NotReadyError();

    /// <summary>Why requests cannot use the engine now: a 503 with a code per state.</summary>
    public ApiException NotReadyError() => state switch
    {
        EngineState.Loading => ApiException.Unavailable("The model is still loading; try again shortly.", "model_loading"),
        EngineState.Draining => ApiException.Unavailable("The server is shutting down and takes no new requests.", "shutting_down"),
        _ => ApiException.Unavailable("The model failed to load; see the server's log.", "model_load_failed"),
    };

    public void SetReady(MultimodalEngine loaded)
    {
        LoadedAt = DateTimeOffset.UtcNow;
        engine = loaded;
        if (state == EngineState.Loading)
        {
            state = EngineState.Ready;
        }
    }

    public void SetFailed() => state = EngineState.Failed;

    /// <summary>Stops taking new requests; those already running continue.</summary>
    public void BeginDraining() => state = EngineState.Draining;

    public async ValueTask DisposeAsync()
    {
        if (engine is { } loaded)
        {
            await loaded.DisposeAsync();
        }
    }
}
