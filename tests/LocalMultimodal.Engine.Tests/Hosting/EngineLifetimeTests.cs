using LocalMultimodal.Hosting;

namespace LocalMultimodal.Tests.Hosting;

public sealed class EngineLifetimeTests
{
    [Fact]
    public async Task AFailedLoad_IsReportedAndTriedAgainOnTheNextCall()
    {
        int calls = 0;
        await using var lifetime = new EngineLifetime(_ =>
        {
            calls++;
            return Task.FromException<MultimodalEngine>(new IOException("model.gguf: not found"));
        });
        Assert.Equal(EngineLoadState.NotStarted, lifetime.State);

        var first = await Assert.ThrowsAsync<IOException>(() => lifetime.GetAsync().AsTask());
        Assert.Equal(EngineLoadState.Failed, lifetime.State);
        await Assert.ThrowsAsync<IOException>(() => lifetime.GetAsync().AsTask());

        Assert.Equal("model.gguf: not found", first.Message);
        Assert.Equal(2, calls);
        Assert.Null(lifetime.EngineOrNull);
    }

    [Fact]
    public async Task Disposing_CancelsALoadUnderWay_AndRefusesLaterCalls()
    {
        var loadCancelled = new TaskCompletionSource();
        var lifetime = new EngineLifetime(async cancellationToken =>
        {
            await using var registration = cancellationToken.Register(loadCancelled.SetResult);
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        });
        var waiting = lifetime.GetAsync().AsTask();
        while (lifetime.State != EngineLoadState.Loading)
        {
            await Task.Delay(5);
        }

        await lifetime.DisposeAsync();

        await loadCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(EngineLoadState.Disposed, lifetime.State);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => lifetime.GetAsync().AsTask());
    }

    [Fact]
    public async Task OneCallersCancellation_StopsOnlyItsWait()
    {
        var release = new TaskCompletionSource<MultimodalEngine>();
        await using var lifetime = new EngineLifetime(_ => release.Task);
        using var cancel = new CancellationTokenSource();
        var cancelled = lifetime.GetAsync(cancel.Token).AsTask();

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(EngineLoadState.Loading, lifetime.State);
        release.SetException(new IOException("stopped"));
        await Assert.ThrowsAsync<IOException>(() => lifetime.GetAsync().AsTask());
    }
}
