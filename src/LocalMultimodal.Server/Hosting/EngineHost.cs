using LocalMultimodal.Hosting;
using LocalMultimodal.Server.Errors;

namespace LocalMultimodal.Server.Hosting;

/// <summary>
/// The server's engine: loaded once through the engine's <see cref="EngineLifetime"/> (which owns and disposes it),
/// plus the one state only a server has, draining at shutdown.
/// </summary>
internal sealed class EngineHost : IAsyncDisposable
{
    private readonly ServerOptions _options;
    private readonly EngineLifetime _lifetime;
    private EngineOptions? _engineOptions;
    private volatile bool _draining;

    public EngineHost(ServerOptions options, LoadEngine load, ILoggerFactory loggerFactory)
    {
        _options = options;
        _lifetime = new EngineLifetime(async cancellationToken =>
        {
            // The model comes from the flags, the hub (--model owner/repo) or the built-in demo model.
            var (model, projector) = await HubModelSource.ResolveAsync(options, loggerFactory.CreateLogger(HubModelSource.LogCategory), cancellationToken);
            _engineOptions = ServerEngineOptions.Create(options, model, projector);
            var engine = await load(_engineOptions, cancellationToken);
            LoadedAt = DateTimeOffset.UtcNow;
            return engine;
        });
    }

    public EngineState State => _draining ? EngineState.Draining : _lifetime.State switch
    {
        EngineLoadState.Ready => EngineState.Ready,
        EngineLoadState.Failed => EngineState.Failed,
        EngineLoadState.Disposed => EngineState.Draining,
        _ => EngineState.Loading,
    };

    public MultimodalEngine? EngineOrNull => _lifetime.EngineOrNull;

    /// <summary>The options the engine was loaded with, built from the server's flags; set once the model file is known.</summary>
    public EngineOptions EngineOptions => _engineOptions ?? throw new InvalidOperationException("The model is not resolved yet.");

    /// <summary>The name answers report and <c>/v1/models</c> lists first.</summary>
    public string ModelId => _options.ServedModelNames.FirstOrDefault() ?? EngineOrNull?.Capabilities.ModelName ?? "loading";

    /// <summary>The names a request's <c>model</c> may use.</summary>
    public IReadOnlyList<string> ModelIds => _options.ServedModelNames.Count > 0 ? [.. _options.ServedModelNames] : [ModelId];

    /// <summary>When the model finished loading: the <c>created</c> time of its model card.</summary>
    public DateTimeOffset LoadedAt { get; private set; }

    /// <summary>The engine, when requests may use it; otherwise a 503 naming why.</summary>
    public MultimodalEngine Require() => State == EngineState.Ready && EngineOrNull is { } engine ? engine : throw NotReadyError();

    /// <summary>Why requests cannot use the engine now: a 503 with a code per state.</summary>
    public ApiException NotReadyError() => State switch
    {
        EngineState.Loading or EngineState.Ready => ApiException.Unavailable("The model is still loading; try again shortly.", "model_loading"),
        EngineState.Draining => ApiException.Unavailable("The server is shutting down and takes no new requests.", "shutting_down"),
        _ => ApiException.Unavailable("The model failed to load; see the server's log.", "model_load_failed"),
    };

    /// <summary>Loads the engine (once); a failure leaves the state <see cref="EngineState.Failed"/>.</summary>
    public ValueTask<MultimodalEngine> LoadAsync(CancellationToken cancellationToken) => _lifetime.GetAsync(cancellationToken);

    /// <summary>Refuses a request's <c>model</c> that this server does not serve (empty means this one).</summary>
    public void CheckModel(string? model)
    {
        if (!string.IsNullOrEmpty(model) && !ModelIds.Contains(model))
        {
            throw ApiException.NotFound($"The model '{model}' does not exist; this server serves '{ModelId}'.", "model_not_found", "model");
        }
    }

    /// <summary>Stops taking new requests; those already running continue.</summary>
    public void BeginDraining() => _draining = true;

    public ValueTask DisposeAsync() => _lifetime.DisposeAsync();
}
