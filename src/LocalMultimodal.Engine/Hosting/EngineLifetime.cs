namespace LocalMultimodal.Hosting;

/// <summary>
/// The one engine behind a host (a chat client, a server): either handed in loaded, or loaded once on first use
/// (whoever asks first) and owned here. Tells the host whether it is loading, ready or failed, and disposes an
/// engine it loaded. A failed load is not remembered, so the next <see cref="GetAsync"/> tries again (a fixed
/// file is picked up without a restart).
/// </summary>
public sealed class EngineLifetime : IAsyncDisposable
{
    private readonly Func<CancellationToken, Task<MultimodalEngine>>? _load;
    private readonly bool _ownsEngine;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _disposing = new();
    private Task<MultimodalEngine>? _loading;
    private MultimodalEngine? _engine;
    private EngineLoadState _state;

    /// <summary>Wraps an engine the caller loaded and keeps owning: disposing the lifetime leaves it alone.</summary>
    /// <param name="engine">The loaded engine.</param>
    public EngineLifetime(MultimodalEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
        _state = EngineLoadState.Ready;
    }

    /// <summary>Loads the engine on first use with <paramref name="load"/> and disposes it with the lifetime.</summary>
    /// <param name="load">Loads the engine; its token is cancelled when the lifetime is disposed.</param>
    public EngineLifetime(Func<CancellationToken, Task<MultimodalEngine>> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        _load = load;
        _ownsEngine = true;
    }

    /// <summary>Gets where the lifetime is: not started, loading, ready, failed or disposed.</summary>
    public EngineLoadState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>Gets the engine once it is loaded; <see langword="null"/> before that and after disposal.</summary>
    public MultimodalEngine? EngineOrNull => Volatile.Read(ref _engine);

    /// <summary>Gets the engine, loading it first if nobody has yet.</summary>
    /// <param name="cancellationToken">Stops this caller's wait; the load itself goes on for others.</param>
    /// <returns>The loaded engine.</returns>
    /// <exception cref="ObjectDisposedException">The lifetime was disposed.</exception>
    public async ValueTask<MultimodalEngine> GetAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _engine) is { } loaded)
        {
            return loaded;
        }

        Task<MultimodalEngine> loading;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_state == EngineLoadState.Disposed, this);
            if (_engine is not null)
            {
                return _engine;
            }

            if (_loading is null)
            {
                _state = EngineLoadState.Loading;
                _loading = LoadAsync();
            }

            loading = _loading;
        }

        return await loading.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets the engine synchronously (for <c>GetService</c>-style callers), loading it first if needed.</summary>
    /// <returns>The loaded engine.</returns>
    public MultimodalEngine Get() => Volatile.Read(ref _engine) ?? GetAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Cancels a load under way and disposes an engine this lifetime loaded.</summary>
    /// <returns>A task that completes when the engine is disposed.</returns>
    public async ValueTask DisposeAsync()
    {
        Task<MultimodalEngine>? loading;
        MultimodalEngine? engine;
        lock (_gate)
        {
            if (_state == EngineLoadState.Disposed)
            {
                return;
            }

            _state = EngineLoadState.Disposed;
            loading = _loading;
            engine = _engine;

            // Forgotten at once, so no caller reaches a disposed engine through the fast path.
            Volatile.Write(ref _engine, null);
        }

        await _disposing.CancelAsync().ConfigureAwait(false);
        if (loading is not null)
        {
            try
            {
                engine = await loading.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // A load that failed or was cancelled left nothing to dispose.
            }
        }

        if (_ownsEngine && engine is not null)
        {
            await engine.DisposeAsync().ConfigureAwait(false);
        }

        _disposing.Dispose();
    }

    private async Task<MultimodalEngine> LoadAsync()
    {
        // Yield first so the caller leaves the lock before the load runs.
        await Task.Yield();
        try
        {
            var engine = await _load!(_disposing.Token).ConfigureAwait(false);
            lock (_gate)
            {
                if (_state == EngineLoadState.Disposed)
                {
                    // DisposeAsync awaits this task and disposes what it returns.
                    return engine;
                }

                Volatile.Write(ref _engine, engine);
                _state = EngineLoadState.Ready;
                _loading = null;
            }

            return engine;
        }
        catch (Exception)
        {
            lock (_gate)
            {
                if (_state != EngineLoadState.Disposed)
                {
                    _state = EngineLoadState.Failed;
                    _loading = null;
                }
            }

            throw;
        }
    }
}
