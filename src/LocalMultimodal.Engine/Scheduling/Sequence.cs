using System.Text;
using LLama;
using LLama.Native;
using LocalMultimodal.Generation;
using LocalMultimodal.Sampling;

namespace LocalMultimodal.Scheduling;

/// <summary>A request running in one sequence slot: its position, sampler, decoder and stop rules.</summary>
internal sealed class Sequence : IDisposable
{
    private readonly SafeLlamaModelHandle.Vocabulary vocabulary;
    private readonly StreamingTokenDecoder decoder;
    private readonly StopSequenceMatcher stops;
    private readonly List<int> pendingIds = [];
    private readonly int contextSize;
    private int completionTokens;

    public Sequence(EngineRequest request, int slot, PromptPlan plan, LLamaWeights weights, int contextSize)
    {
        Request = request;
        Id = (LLamaSeqId)slot;
        Plan = plan;
        this.contextSize = contextSize;
        vocabulary = weights.Vocab;
        decoder = new StreamingTokenDecoder(Encoding.UTF8, weights);
        stops = new StopSequenceMatcher(request.Sampling.StopSequences);
        Sampler = SamplerFactory.Create(request.Sampling);
    }

    public EngineRequest Request { get; }

    public LLamaSeqId Id { get; }

    public PromptPlan Plan { get; }

    public SafeLLamaSamplerChainHandle Sampler { get; }

    /// <summary>The next free position.</summary>
    public int Position { get; set; }

    /// <summary>The token to decode in the next step.</summary>
    public LLamaToken LastToken { get; private set; }

    public bool IsFinished { get; private set; }

    /// <summary>Queue, encode and prefill times, set when the sequence starts; decode time is measured from then.</summary>
    public (TimeSpan Queued, TimeSpan Encode, TimeSpan Prefill) StartTimings { get; set; }

    public long FirstTokenAt { get; set; }

    /// <summary>Takes a sampled token: streams its text and decides whether generation ends.</summary>
    public void Accept(LLamaToken token)
    {
        LastToken = token;
        completionTokens++;
        if (!Request.Sampling.IgnoreEndOfSequence && token.IsEndOfGeneration(vocabulary))
        {
            Finish(FinishReason.Stop, flush: true);
            return;
        }

        pendingIds.Add((int)token);
        decoder.Add(token);
        var (emit, stopped) = stops.Append(decoder.Read());
        if (emit.Length > 0)
        {
            Request.Output.Writer.TryWrite(new GenerationUpdate(emit, [.. pendingIds]));
            pendingIds.Clear();
        }

        if (stopped)
        {
            Finish(FinishReason.Stop, flush: false);
        }
        else if (completionTokens >= (Request.Sampling.MaxTokens ?? int.MaxValue) || Position + 1 >= contextSize)
        {
            Finish(FinishReason.Length, flush: true);
        }
    }

    /// <summary>Sends the last update with the finish reason and usage, and closes the stream.</summary>
    public void Finish(FinishReason reason, bool flush)
    {
        if (IsFinished)
        {
            return;
        }

        IsFinished = true;
        string rest = flush ? stops.Flush() : string.Empty;
        var (queued, encode, prefill) = StartTimings;
        var timings = new GenerationTimings(queued, encode, prefill, System.Diagnostics.Stopwatch.GetElapsedTime(FirstTokenAt));
        Request.Output.Writer.TryWrite(new GenerationUpdate(rest, [.. pendingIds], reason, Plan.Usage(completionTokens), timings));
        Request.Output.Writer.TryComplete();
    }

    public void Dispose() => Sampler.Dispose();
}
