using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using LLama.Native;
using LocalMultimodal.Caching;
using LocalMultimodal.Errors;
using LocalMultimodal.Generation;
using LocalMultimodal.Loading;
using Microsoft.Extensions.Logging;

namespace LocalMultimodal.Scheduling;

/// <summary>
/// The one thread that owns the native model. Requests arrive through a bounded queue; up to
/// <see cref="EngineOptions.MaxConcurrentSequences"/> run at once, joining between decode steps and
/// leaving the moment they finish. Each step decodes every running sequence's next token together with
/// prompt pieces of the sequences still prefilling, within <see cref="EngineOptions.StepTokenBudget"/>,
/// so a long prompt never stalls the others' streaming.
/// Every native call happens on this thread: the CPU backend keeps an OpenMP team per calling thread,
/// and calls from changing threads were measured to cost a third to a half of decode speed.
/// </summary>
internal sealed partial class InferenceLoop : IDisposable
{
    private readonly EngineOptions options;
    private readonly ILogger logger;
    private readonly Channel<EngineRequest> queue;
    private readonly Sequence?[] slots;
    private readonly KvHistory[] histories;
    private readonly Thread thread;
    private readonly TaskCompletionSource<LoadedModel> loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly LLamaBatch tokenBatch = new();
    private readonly CacheCounters counters = new();
    private readonly ConcurrentQueue<Action> jobs = new();
    private readonly SemaphoreSlim jobSignal = new(0);
    private Task? jobWait;
    private LoadedModel? model;
    private PromptTokenizer? tokenizer;
    private volatile bool stopping;

    private InferenceLoop(EngineOptions options, ILogger logger)
    {
        this.options = options;
        this.logger = logger;
        queue = Channel.CreateBounded<EngineRequest>(new BoundedChannelOptions(options.MaxQueuedRequests)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        slots = new Sequence?[options.MaxConcurrentSequences];
        histories = [.. Enumerable.Range(0, options.MaxConcurrentSequences).Select(_ => new KvHistory())];
        thread = new Thread(Run) { IsBackground = true, Name = "LocalMultimodal inference" };
    }

    public LoadedModel Model => model ?? throw new InvalidOperationException("The model is not loaded.");

    /// <summary>Requests waiting for a sequence.</summary>
    public int QueueDepth => queue.Reader.Count;

    /// <summary>Sequences running now.</summary>
    public int ActiveSequences => slots.Count(s => s is not null);

    public CacheStatistics CacheStatistics => counters.Snapshot();

    public PromptTokenizer Tokenizer => tokenizer ?? throw new InvalidOperationException("The model is not loaded.");

    /// <summary>Runs <paramref name="work"/> on the loop thread, between decode steps (for native work outside requests).</summary>
    public Task<T> RunOnLoopAsync<T>(Func<T> work)
    {
        ObjectDisposedException.ThrowIf(stopping, this);
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        jobs.Enqueue(() =>
        {
            try
            {
                done.SetResult(work());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        jobSignal.Release();
        return done.Task;
    }

    /// <summary>Starts the loop thread, which loads the model; completes when the model is ready.</summary>
    public static async Task<InferenceLoop> StartAsync(EngineOptions options, ILogger logger)
    {
        var loop = new InferenceLoop(options, logger);
        loop.thread.Start();
        try
        {
            await loop.loaded.Task.ConfigureAwait(false);
        }
        catch
        {
            loop.thread.Join();
            throw;
        }

        return loop;
    }

    /// <summary>Queues a request, or throws <see cref="EngineBusyException"/> when the queue is full.</summary>
    public void Enqueue(EngineRequest request)
    {
        ObjectDisposedException.ThrowIf(stopping, this);
        if (!queue.Writer.TryWrite(request))
        {
            throw new EngineBusyException(options.MaxQueuedRequests);
        }
    }

    /// <summary>Queues a request, waiting for room in the queue (for in-process batch calls).</summary>
    public ValueTask EnqueueWaitingAsync(EngineRequest request, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(stopping, this);
        return queue.Writer.WriteAsync(request, cancellationToken);
    }

    public void Dispose()
    {
        if (stopping)
        {
            return;
        }

        stopping = true;
        queue.Writer.TryComplete();
        if (thread.IsAlive && Thread.CurrentThread != thread)
        {
            thread.Join();
        }

        tokenBatch.Clear();
        model?.Dispose();
    }

    private void Run()
    {
        try
        {
            model = ModelLoader.Load(options);
            var cache = new MediaEncodingCache(options.MediaCacheBytes, counters);
            tokenizer = new PromptTokenizer(model, cache, new UuidIndex(capacity: 10_000), counters, options.EnablePrefixCaching);
        }
        catch (Exception e)
        {
            loaded.SetException(e);
            return;
        }

        loaded.SetResult(model);
        Loop();
    }

    private void Loop()
    {
        while (true)
        {
            try
            {
                if (!Step())
                {
                    break;
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A failed batch fails the requests in it; the loop itself keeps serving.
                LogStepFailed(e);
                foreach (var sequence in slots.OfType<Sequence>())
                {
                    sequence.Request.Fail(new InvalidOperationException("The engine failed while decoding this request.", e));
                    Retire(sequence, keepKv: false);
                }
            }
        }

        while (queue.Reader.TryRead(out var waiting))
        {
            waiting.Fail(new ObjectDisposedException(nameof(MultimodalEngine), "The engine was stopped before this request started."));
        }

        while (jobs.TryDequeue(out var job))
        {
            job();
        }
    }

    /// <summary>One turn of the loop: admit, retire, decode. False when the loop should end.</summary>
    private bool Step()
    {
        while (jobs.TryDequeue(out var job))
        {
            job();
        }

        Admit();
        RetireCancelled();
        if (slots.All(s => s is null))
        {
            return !stopping && WaitForWork();
        }

        if (stopping)
        {
            foreach (var sequence in slots.OfType<Sequence>())
            {
                sequence.Finish(FinishReason.Cancelled, flush: true);
            }

            RetireFinished();
            return false;
        }

        DecodeStep();
        RetireFinished();
        return true;
    }

    /// <summary>Blocks until a request or a job arrives; false when the queue is closed.</summary>
    private bool WaitForWork()
    {
        if (!jobs.IsEmpty)
        {
            // A job queued since this step drained them: run it rather than wait for a request.
            return true;
        }

        var request = queue.Reader.WaitToReadAsync().AsTask();
        if (!request.IsCompleted)
        {
            // One signal wait is kept across calls, so no release is lost to an abandoned wait.
            jobWait ??= jobSignal.WaitAsync();
            if (Task.WaitAny(request, jobWait) == 1)
            {
                jobWait = null;
                return true;
            }
        }

        return request.GetAwaiter().GetResult();
    }

    private void Admit()
    {
        // While others are decoding, take one new request per step: tokenizing and encoding its media
        // cannot overlap decoding on the CPU, so this bounds how long the others wait.
        int admitted = 0;
        bool othersRunning = slots.Any(s => s is not null);
        while (!stopping && (!othersRunning || admitted == 0) && FreeSlot() >= 0 && queue.Reader.TryRead(out var request))
        {
            if (request.IsCancelled)
            {
                request.Fail(new OperationCanceledException(request.CallerToken));
                continue;
            }

            Start(request);
            admitted++;
        }
    }

    private int FreeSlot() => Array.FindIndex(slots, s => s is null);

    private void Start(EngineRequest request)
    {
        int slot = -1;
        Sequence? sequence = null;
        try
        {
            long started = Stopwatch.GetTimestamp();
            var plan = tokenizer!.Tokenize(request.Prompt);
            long encoded = Stopwatch.GetTimestamp();
            if (plan.Positions + 1 > options.ContextSize)
            {
                throw new InvalidRequestException(
                    $"The prompt needs {plan.Positions} positions (text and media), but the context holds {options.ContextSize}; " +
                    "shorten the prompt, send fewer or smaller media, or raise the context size.",
                    "context_length_exceeded") { Param = "messages" };
            }

            (slot, int reusedUnits, int reusedPositions) = PlaceInSlot(plan);
            sequence = new Sequence(request, slot, plan, reusedUnits, reusedPositions, Model.Weights, options.ContextSize)
            {
                StartTimings = (Stopwatch.GetElapsedTime(request.SubmittedAt, started), Stopwatch.GetElapsedTime(started, encoded)),
                PrefillStartedAt = encoded,
            };
            if (sequence.RemainingSteps.OfType<UnresolvedMediaStep>().FirstOrDefault() is { } missing)
            {
                // A uuid-only item the reused KV does not cover, and whose encoding is not cached.
                throw new CacheMissException(missing.Uuid);
            }

            counters.Prefix(reusedPositions);
            slots[slot] = sequence;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            if (slot >= 0)
            {
                slots[slot] = null;
                ClearSlot(slot);
            }

            sequence?.Dispose();
            request.Fail(e is MultimodalException ? e : new InvalidOperationException("The engine failed to start this request.", e));
            if (e is not MultimodalException)
            {
                LogRequestFailed(e);
            }
        }
    }

    /// <summary>
    /// Picks a free slot for a prompt and gives it the longest KV prefix any slot holds for it: a free slot's
    /// retained KV is trimmed in place; a running sequence's KV is copied over, then trimmed.
    /// </summary>
    private (int Slot, int Units, int Positions) PlaceInSlot(PromptPlan plan)
    {
        int best = -1;
        (int Units, int Positions) match = (0, 0);
        if (options.EnablePrefixCaching)
        {
            for (int i = 0; i < histories.Length; i++)
            {
                var candidate = histories[i].CommonPrefix(plan.Units, plan.Positions - 1);
                bool longer = candidate.Positions > match.Positions;
                bool sameButFree = candidate.Positions == match.Positions && best >= 0 && slots[i] is null && slots[best] is not null;
                if (longer || sameButFree)
                {
                    (best, match) = (i, candidate);
                }
            }
        }

        int slot = best >= 0 && slots[best] is null ? best : LeastRecentlyUsedFreeSlot();
        if (best >= 0 && best != slot)
        {
            // A running sequence's KV lives in another stream: copy the whole stream (llama.cpp copies
            // across streams only whole), then keep the shared prefix.
            Model.Context.NativeHandle.MemorySequenceCopy((LLamaSeqId)best, (LLamaSeqId)slot, -1, -1);
            histories[slot].Truncate(0);
            foreach (var unit in plan.Units.Take(match.Units))
            {
                histories[slot].Append(unit);
            }
        }

        // Without a match, (0, 0) clears the slot.
        Model.Context.NativeHandle.MemorySequenceRemove((LLamaSeqId)slot, match.Positions, -1);
        histories[slot].Truncate(match.Units);
        return (slot, match.Units, match.Positions);
    }

    private int LeastRecentlyUsedFreeSlot()
    {
        int chosen = -1;
        for (int i = 0; i < slots.Length; i++)
        {
            if (slots[i] is null && (chosen < 0 || histories[i].LastUsed < histories[chosen].LastUsed))
            {
                chosen = i;
            }
        }

        return chosen;
    }

    /// <summary>
    /// One decode step: every generating sequence's next token plus prompt tokens of prefilling sequences,
    /// up to the step budget; at most one media chunk is decoded beside them.
    /// </summary>
    private void DecodeStep()
    {
        tokenBatch.Clear();
        var sampleAfterTokens = new List<(Sequence Sequence, int Index)>();
        int budget = options.StepTokenBudget;
        foreach (var sequence in slots.OfType<Sequence>().Where(s => !s.IsPrefilling))
        {
            sampleAfterTokens.Add((sequence, tokenBatch.TokenCount));
            tokenBatch.Add(sequence.LastToken, sequence.Position, sequence.Id, true);
            histories[sequence.Slot].Append(KvUnit.ForToken((int)sequence.LastToken));
            sequence.Position++;
            budget--;
        }

        (Sequence Sequence, EmbeddingStep Step, int Offset, int Count)? media = null;
        // Shortest remaining prompt first: a short request's first token never waits behind a long prefill.
        foreach (var sequence in slots.OfType<Sequence>().Where(s => s.IsPrefilling).OrderBy(s => s.Plan.Positions - s.Position).ThenBy(s => s.Request.SubmittedAt))
        {
            while (sequence.IsPrefilling && media is null)
            {
                var (step, offset) = sequence.NextStep;
                if (step is TokenStep text)
                {
                    int count = Math.Min(budget, text.Tokens.Length - offset);
                    if (count <= 0)
                    {
                        break;
                    }

                    for (int i = 0; i < count; i++)
                    {
                        bool last = i == count - 1 && offset + count == text.Tokens.Length && sequence.IsOnLastStep;
                        if (last)
                        {
                            sampleAfterTokens.Add((sequence, tokenBatch.TokenCount));
                        }

                        tokenBatch.Add(text.Tokens[offset + i], sequence.Position + i, sequence.Id, last);
                        histories[sequence.Slot].Append(KvUnit.ForToken((int)text.Tokens[offset + i]));
                    }

                    sequence.Advance(count);
                    budget -= count;
                }
                else if (step is EmbeddingStep embedding)
                {
                    // A non-causal chunk must be decoded whole; one is taken even over budget when nothing else
                    // prefills this step, so every prompt makes progress.
                    int remaining = embedding.Tokens - offset;
                    int count = embedding.NonCausal ? remaining : Math.Min(budget, remaining);
                    if (count <= 0 || (embedding.NonCausal && remaining > budget && budget < options.StepTokenBudget - ActiveDecoders()))
                    {
                        break;
                    }

                    media = (sequence, embedding, offset, count);
                    budget -= count;
                }
                else
                {
                    throw new InvalidOperationException("A media chunk with no encoding reached decoding.");
                }
            }

            if (budget <= 0 || media is not null)
            {
                break;
            }
        }

        if (tokenBatch.TokenCount > 0)
        {
            Check(Model.Context.Decode(tokenBatch));
            foreach (var (sequence, index) in sampleAfterTokens)
            {
                sequence.Accept(sequence.Sampler.Sample(Model.Context.NativeHandle, index));
            }
        }

        if (media is { } job)
        {
            int index = DecodeEmbeddings(job.Sequence, job.Step, job.Offset, job.Count);
            if (!job.Sequence.IsPrefilling)
            {
                job.Sequence.Accept(job.Sequence.Sampler.Sample(Model.Context.NativeHandle, index));
            }
        }
    }

    private int ActiveDecoders() => slots.Count(s => s is { IsPrefilling: false });

    /// <summary>Decodes part of a media chunk; returns the batch index of the last row's logits.</summary>
    private int DecodeEmbeddings(Sequence sequence, EmbeddingStep media, int offset, int count)
    {
        if (media.NonCausal && media.Tokens > ModelLoader.MicroBatchSize)
        {
            throw new InvalidRequestException(
                $"A media chunk of {media.Tokens} tokens exceeds the {ModelLoader.MicroBatchSize} this engine decodes at once.", "media_too_large");
        }

        int width = Model.Weights.EmbeddingSize;
        bool completesPrompt = offset + count == media.Tokens && sequence.IsOnLastStep;
        var batch = new LLamaBatchEmbeddings(width);
        for (int i = 0; i < count; i++)
        {
            var row = media.Embeddings.AsSpan((offset + i) * width, width);
            batch.Add(row, sequence.Position + i, sequence.Id, completesPrompt && i == count - 1);
        }

        var ctx = Model.Context.NativeHandle;
        if (media.NonCausal)
        {
            ctx.SetCausalAttention(false);
        }

        try
        {
            Check(Model.Context.Decode(batch));
        }
        finally
        {
            if (media.NonCausal)
            {
                ctx.SetCausalAttention(true);
            }
        }

        if (offset + count == media.Tokens)
        {
            histories[sequence.Slot].Append(new KvUnit(-1, media.Key, media.Tokens));
        }

        sequence.Advance(count);
        return count - 1;
    }

    private void RetireCancelled()
    {
        foreach (var sequence in slots.OfType<Sequence>())
        {
            if (sequence.Request.IsCancelled && !sequence.IsFinished)
            {
                sequence.Request.Fail(new OperationCanceledException(sequence.Request.CallerToken));
                Retire(sequence, keepKv: true);
            }
        }
    }

    private void RetireFinished()
    {
        foreach (var sequence in slots.OfType<Sequence>())
        {
            if (sequence.IsFinished)
            {
                Retire(sequence, keepKv: true);
            }
        }
    }

    private void Retire(Sequence sequence, bool keepKv)
    {
        slots[sequence.Slot] = null;
        if (!keepKv || !options.EnablePrefixCaching)
        {
            ClearSlot(sequence.Slot);
        }
        else
        {
            // A media chunk decoded only in part is not reusable: drop it and what follows.
            int partial = histories[sequence.Slot].Positions;
            if (partial != sequence.Position)
            {
                ClearSlot(sequence.Slot);
            }
        }

        sequence.Dispose();
    }

    private void ClearSlot(int slot)
    {
        Model.Context.NativeHandle.MemorySequenceRemove((LLamaSeqId)slot, -1, -1);
        histories[slot].Truncate(0);
    }

    private static void Check(DecodeResult result)
    {
        if (result != DecodeResult.Ok)
        {
            throw new InvalidOperationException($"llama_decode failed ({result}).");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A decode step failed; the requests in it were failed.")]
    private partial void LogStepFailed(Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "A request failed inside the engine.")]
    private partial void LogRequestFailed(Exception error);
}
