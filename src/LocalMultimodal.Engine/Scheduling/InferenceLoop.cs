using System.Threading.Channels;
using LocalMultimodal.Caching;
using LocalMultimodal.Errors;
using LocalMultimodal.Generation;
using LocalMultimodal.Loading;
using Microsoft.Extensions.Logging;

namespace LocalMultimodal.Scheduling;

/// <summary>
/// The one thread that owns the native model. Work (requests, and jobs such as encoding media for the
/// caller) arrives through one bounded channel and is taken in order; up to
/// <see cref="EngineOptions.MaxConcurrentSequences"/> requests run at once, joining between decode steps and
/// leaving the moment they finish. Each turn takes work, plans a step (<see cref="StepPlanner"/>), executes
/// it (<see cref="BatchExecutor"/>) and retires finished sequences.
/// Every native call happens on this thread: the CPU backend keeps an OpenMP team per calling thread,
/// and calls from changing threads were measured to cost a third to a half of decode speed.
/// </summary>
internal sealed partial class InferenceLoop : IDisposable
{
    private readonly EngineOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<LoopWork> _work;
    private readonly Thread _thread;
    private readonly TaskCompletionSource<LoopServices> _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CacheCounters _counters = new();
    private LoopServices? _services;
    private volatile bool _stopping;

    private InferenceLoop(EngineOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _work = Channel.CreateBounded<LoopWork>(new BoundedChannelOptions(options.MaxQueuedRequests)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _thread = new Thread(Run) { IsBackground = true, Name = "LocalMultimodal inference" };
    }

    public LoadedModel Model => Services.Model;

    public PromptTokenizer Tokenizer => Services.Tokenizer;

    /// <summary>Work waiting to be taken: requests waiting for a sequence (and any queued job).</summary>
    public int QueueDepth => _work.Reader.Count;

    /// <summary>Sequences running now.</summary>
    public int ActiveSequences => _services?.Slots.RunningCount ?? 0;

    public CacheStatistics CacheStatistics => _counters.Snapshot();

    private LoopServices Services => _services ?? throw new InvalidOperationException("The model is not loaded.");

    /// <summary>Starts the loop thread, which loads the model; completes when the model is ready.</summary>
    public static async Task<InferenceLoop> StartAsync(EngineOptions options, ILogger logger)
    {
        var loop = new InferenceLoop(options, logger);
        loop._thread.Start();
        try
        {
            await loop._loaded.Task.ConfigureAwait(false);
        }
        catch
        {
            loop._thread.Join();
            throw;
        }

        return loop;
    }

    /// <summary>Runs <paramref name="job"/> on the loop thread, in turn with the requests queued before it (for native work outside requests).</summary>
    public async Task<T> RunOnLoopAsync<T>(Func<T> job)
    {
        ObjectDisposedException.ThrowIf(_stopping, this);
        var item = LoopJob.For(job, out var result);
        try
        {
            await _work.Writer.WriteAsync(item).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(nameof(MultimodalEngine), "The engine was stopped.");
        }

        return await result.ConfigureAwait(false);
    }

    /// <summary>Queues a request, or throws <see cref="EngineBusyException"/> when the queue is full.</summary>
    public void Enqueue(EngineRequest request)
    {
        ObjectDisposedException.ThrowIf(_stopping, this);
        if (!_work.Writer.TryWrite(request))
        {
            throw new EngineBusyException(_options.MaxQueuedRequests);
        }
    }

    /// <summary>Queues a request, waiting for room in the queue (for in-process batch calls).</summary>
    public ValueTask EnqueueWaitingAsync(EngineRequest request, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_stopping, this);
        return _work.Writer.WriteAsync(request, cancellationToken);
    }

    public void Dispose()
    {
        if (_stopping)
        {
            return;
        }

        _stopping = true;
        _work.Writer.TryComplete();
        if (_thread.IsAlive && Thread.CurrentThread != _thread)
        {
            _thread.Join();
        }

        _services?.Dispose();
    }

    private void Run()
    {
        try
        {
            _services = LoopServices.Create(_options, _counters, _logger);
        }
        catch (Exception e)
        {
            _loaded.SetException(e);
            return;
        }

        _loaded.SetResult(_services);
        while (true)
        {
            try
            {
                if (!Turn(_services))
                {
                    break;
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A failed batch fails the requests in it; the loop itself keeps serving.
                LogStepFailed(e);
                foreach (var sequence in _services.Slots.Running.ToList())
                {
                    sequence.Request.Fail(new InvalidOperationException("The engine failed while decoding this request.", e));
                    _services.Slots.Release(sequence.Slot);
                    sequence.Dispose();
                }
            }
        }

        while (_work.Reader.TryRead(out var waiting))
        {
            if (waiting is LoopJob job)
            {
                job.Run();
            }
            else
            {
                ((EngineRequest)waiting).Fail(new ObjectDisposedException(nameof(MultimodalEngine), "The engine was stopped before this request started."));
            }
        }
    }

    /// <summary>One turn of the loop: take work, plan, execute, retire. False when the loop should end.</summary>
    private bool Turn(LoopServices loop)
    {
        Take(loop);
        RetireCancelled(loop.Slots);
        if (loop.Slots.RunningCount == 0)
        {
            // Blocks until work arrives; false once the channel is closed and empty.
            return !_stopping && _work.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult();
        }

        if (_stopping)
        {
            foreach (var sequence in loop.Slots.Running)
            {
                sequence.Finish(FinishReason.Cancelled, flush: true);
            }

            RetireFinished(loop.Slots);
            return false;
        }

        var plan = StepPlanner.Plan([.. loop.Slots.Running.Select(s => s.ForPlanner)], _options.StepTokenBudget);
        loop.Executor.Execute(plan);
        RetireFinished(loop.Slots);
        return true;
    }

    /// <summary>Takes work in order: jobs run now; requests start while a slot is free.</summary>
    private void Take(LoopServices loop)
    {
        // While others are decoding, take one new request per turn: tokenizing and encoding its media
        // cannot overlap decoding on the CPU, so this bounds how long the others wait.
        int admitted = 0;
        bool othersRunning = loop.Slots.RunningCount > 0;
        while (!_stopping && _work.Reader.TryPeek(out var next))
        {
            if (next is EngineRequest && ((othersRunning && admitted > 0) || !loop.Slots.HasFreeSlot))
            {
                break;
            }

            _work.Reader.TryRead(out _);
            if (next is LoopJob job)
            {
                job.Run();
            }
            else if (next is EngineRequest { IsCancelled: true } cancelled)
            {
                cancelled.Fail(new OperationCanceledException(cancelled.CallerToken));
            }
            else
            {
                loop.Admission.Start((EngineRequest)next);
                admitted++;
            }
        }
    }

    private static void RetireCancelled(SlotTable<Sequence> slots)
    {
        foreach (var sequence in slots.Running.Where(s => s.Request.IsCancelled && !s.IsFinished).ToList())
        {
            sequence.Request.Fail(new OperationCanceledException(sequence.Request.CallerToken));
            Retire(slots, sequence);
        }
    }

    private static void RetireFinished(SlotTable<Sequence> slots)
    {
        foreach (var sequence in slots.Running.Where(s => s.IsFinished).ToList())
        {
            Retire(slots, sequence);
        }
    }

    private static void Retire(SlotTable<Sequence> slots, Sequence sequence)
    {
        slots.Retain(sequence.Slot, sequence.Cells);
        sequence.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A decode step failed; the requests in it were failed.")]
    private partial void LogStepFailed(Exception error);
}
