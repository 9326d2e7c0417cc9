using System.Diagnostics;
using System.Threading.Channels;
using LLama.Native;
using LocalMultimodal.Errors;
using LocalMultimodal.Generation;
using LocalMultimodal.Loading;
using Microsoft.Extensions.Logging;

namespace LocalMultimodal.Scheduling;

/// <summary>
/// The one thread that owns the native model. Requests arrive through a bounded queue; up to
/// <see cref="EngineOptions.MaxConcurrentSequences"/> run at once, joining between decode steps and
/// leaving the moment they finish. All running sequences' next tokens decode in one batch.
/// Every native call happens on this thread: the CPU backend keeps an OpenMP team per calling thread,
/// and calls from changing threads were measured to cost a third to a half of decode speed.
/// </summary>
internal sealed partial class InferenceLoop : IDisposable
{
    private readonly EngineOptions options;
    private readonly ILogger logger;
    private readonly Channel<EngineRequest> queue;
    private readonly Sequence?[] slots;
    private readonly Thread thread;
    private readonly TaskCompletionSource<LoadedModel> loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly LLamaBatch tokenBatch = new();
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
        thread = new Thread(Run) { IsBackground = true, Name = "LocalMultimodal inference" };
    }

    public LoadedModel Model => model ?? throw new InvalidOperationException("The model is not loaded.");

    /// <summary>Requests waiting for a sequence.</summary>
    public int QueueDepth => queue.Reader.Count;

    /// <summary>Sequences running now.</summary>
    public int ActiveSequences => slots.Count(s => s is not null);

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
            tokenizer = new PromptTokenizer(model);
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
                LogLoopFailed(e);
                foreach (var sequence in slots.OfType<Sequence>())
                {
                    sequence.Request.Fail(new InvalidOperationException("The engine failed while decoding this request.", e));
                    Retire(sequence);
                }
            }
        }

        while (queue.Reader.TryRead(out var waiting))
        {
            waiting.Fail(new ObjectDisposedException(nameof(MultimodalEngine), "The engine was stopped before this request started."));
        }
    }

    /// <summary>One turn of the loop: admit, retire, decode. False when the loop should end.</summary>
    private bool Step()
    {
        Admit();
        RetireCancelled();
        if (slots.All(s => s is null))
        {
            return !stopping && queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult();
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
        return true;
    }

    private void Admit()
    {
        for (int slot = 0; slot < slots.Length; slot++)
        {
            if (slots[slot] is not null)
            {
                continue;
            }

            if (stopping || !queue.Reader.TryRead(out var request))
            {
                return;
            }

            if (request.IsCancelled)
            {
                request.Fail(new OperationCanceledException(request.CallerToken));
                slot--;
                continue;
            }

            Start(request, slot);
        }
    }

    private void Start(EngineRequest request, int slot)
    {
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

            sequence = new Sequence(request, slot, plan, Model.Weights, options.ContextSize);
            int logitsIndex = Prefill(sequence);
            sequence.FirstTokenAt = Stopwatch.GetTimestamp();
            sequence.StartTimings = (
                Stopwatch.GetElapsedTime(request.SubmittedAt, started),
                Stopwatch.GetElapsedTime(started, encoded),
                Stopwatch.GetElapsedTime(encoded, sequence.FirstTokenAt));
            sequence.Accept(sequence.Sampler.Sample(Model.Context.NativeHandle, logitsIndex));
            slots[slot] = sequence;
            RetireFinished();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            ClearSequence((LLamaSeqId)slot);
            sequence?.Dispose();
            request.Fail(e is MultimodalException ? e : new InvalidOperationException("The engine failed to start this request.", e));
            if (e is not MultimodalException)
            {
                LogRequestFailed(e);
            }
        }
    }

    /// <summary>Decodes the whole prompt into the sequence's KV; returns the batch index of the last logits.</summary>
    private int Prefill(Sequence sequence)
    {
        var ctx = Model.Context;
        var steps = sequence.Plan.Steps;
        int logitsIndex = -1;
        for (int i = 0; i < steps.Count; i++)
        {
            bool last = i == steps.Count - 1;
            logitsIndex = steps[i] switch
            {
                TokenStep tokens => DecodeTokens(sequence, tokens.Tokens, last),
                EmbeddingStep media => DecodeEmbeddings(sequence, media, last),
                _ => throw new InvalidOperationException("Unknown plan step."),
            };
        }

        return logitsIndex;
    }

    private int DecodeTokens(Sequence sequence, ReadOnlySpan<LLamaToken> tokens, bool wantLogits)
    {
        int index = -1;
        for (int offset = 0; offset < tokens.Length; offset += ModelLoader.BatchSize)
        {
            var part = tokens.Slice(offset, Math.Min(ModelLoader.BatchSize, tokens.Length - offset));
            tokenBatch.Clear();
            bool lastPart = offset + part.Length == tokens.Length;
            for (int i = 0; i < part.Length; i++)
            {
                tokenBatch.Add(part[i], sequence.Position + i, sequence.Id, wantLogits && lastPart && i == part.Length - 1);
            }

            Check(Model.Context.Decode(tokenBatch));
            sequence.Position += part.Length;
            index = part.Length - 1;
        }

        return index;
    }

    private int DecodeEmbeddings(Sequence sequence, EmbeddingStep media, bool wantLogits)
    {
        int width = Model.Weights.EmbeddingSize;
        int perBatch = media.NonCausal ? media.Tokens : ModelLoader.MicroBatchSize;
        if (media.NonCausal && media.Tokens > ModelLoader.MicroBatchSize)
        {
            throw new InvalidRequestException(
                $"A media chunk of {media.Tokens} tokens exceeds the {ModelLoader.MicroBatchSize} this engine decodes at once.", "media_too_large");
        }

        var ctx = Model.Context.NativeHandle;
        if (media.NonCausal)
        {
            ctx.SetCausalAttention(false);
        }

        try
        {
            int index = -1;
            for (int offset = 0; offset < media.Tokens; offset += perBatch)
            {
                int count = Math.Min(perBatch, media.Tokens - offset);
                var batch = new LLamaBatchEmbeddings(width);
                for (int i = 0; i < count; i++)
                {
                    var row = media.Embeddings.AsSpan((offset + i) * width, width);
                    bool logits = wantLogits && offset + i == media.Tokens - 1;
                    batch.Add(row, sequence.Position + i, sequence.Id, logits);
                }

                Check(Model.Context.Decode(batch));
                sequence.Position += count;
                index = count - 1;
            }

            return index;
        }
        finally
        {
            if (media.NonCausal)
            {
                ctx.SetCausalAttention(true);
            }
        }
    }

    private void DecodeStep()
    {
        tokenBatch.Clear();
        var running = new List<Sequence>(slots.Length);
        foreach (var sequence in slots.OfType<Sequence>())
        {
            tokenBatch.Add(sequence.LastToken, sequence.Position, sequence.Id, true);
            running.Add(sequence);
        }

        Check(Model.Context.Decode(tokenBatch));
        for (int i = 0; i < running.Count; i++)
        {
            var sequence = running[i];
            sequence.Position++;
            sequence.Accept(sequence.Sampler.Sample(Model.Context.NativeHandle, i));
        }

        RetireFinished();
    }

    private void RetireCancelled()
    {
        foreach (var sequence in slots.OfType<Sequence>())
        {
            if (sequence.Request.IsCancelled && !sequence.IsFinished)
            {
                sequence.Request.Fail(new OperationCanceledException(sequence.Request.CallerToken));
                Retire(sequence);
            }
        }
    }

    private void RetireFinished()
    {
        foreach (var sequence in slots.OfType<Sequence>())
        {
            if (sequence.IsFinished)
            {
                Retire(sequence);
            }
        }
    }

    private void Retire(Sequence sequence)
    {
        slots[(int)sequence.Id] = null;
        ClearSequence(sequence.Id);
        sequence.Dispose();
    }

    private void ClearSequence(LLamaSeqId id) => Model.Context.NativeHandle.MemorySequenceRemove(id, -1, -1);

    private static void Check(DecodeResult result)
    {
        if (result != DecodeResult.Ok)
        {
            throw new InvalidOperationException($"llama_decode failed ({result}).");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A decode step failed; the requests in it were failed.")]
    private partial void LogLoopFailed(Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "A request failed inside the engine.")]
    private partial void LogRequestFailed(Exception error);
}
