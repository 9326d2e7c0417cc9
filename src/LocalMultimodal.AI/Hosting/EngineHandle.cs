namespace LocalMultimodal.AI.Hosting;

/// <summary>
/// The one engine behind a client: either handed in loaded, or loaded on first use (once, whoever asks first) and
/// owned here. A failed load is not remembered, so a fixed file can be picked up by the next request.
/// </summary>
internal sealed class EngineHandle : IAsyncDisposable
{
    private readonly Func<Task<MultimodalEngine>>? _load;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly bool _ownsEngine;
    private MultimodalEngine? _engine;
    private bool _disposed;

    /// <summary>Wraps an engine the caller loaded and keeps owning.</summary>
    public EngineHandle(MultimodalEngine engine) => _engine = engine;

    /// <summary>Loads the engine on first use and disposes it with the handle.</summary>
    public EngineHandle(Func<Task<MultimodalEngine>> load)
    {
        _load = load;
        _ownsEngine = true;
    }

    public bool IsLoaded => Volatile.Read(ref _engine) is not null;

    public async ValueTask<MultimodalEngine> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _engine) is { } loaded)
        {
            return loaded;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            // The load itself is not cancelled with one caller's token: others may be waiting for it.
            return _engine ??= await _load!().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>For the synchronous <c>GetService</c>; every await below it is ConfigureAwait(false).</summary>
    public MultimodalEngine Get() => Volatile.Read(ref _engine) ?? GetAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_disposed && _ownsEngine && _engine is not null)
            {
                await _engine.DisposeAsync().ConfigureAwait(false);
            }

            // Forgotten either way, so no caller reaches a disposed engine through the fast path.
            Volatile.Write(ref _engine, null);
            _disposed = true;
        }
        finally
        {
            _gate.Release();
        }
    }
}
