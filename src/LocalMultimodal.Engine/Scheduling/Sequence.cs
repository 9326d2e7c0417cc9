using System.Diagnostics;
using System.Text;
using LLama;
using LLama.Native;
using LocalMultimodal.Generation;
using LocalMultimodal.Sampling;

namespace LocalMultimodal.Scheduling;

/// <summary>
/// A request running in one slot: the prompt steps still to prefill, its position, sampler, decoder and
/// stop rules. Prefill advances in pieces under the loop's per-step budget; then one token per step.
/// </summary>
internal sealed class Sequence : IDisposable
{
    private readonly SafeLlamaModelHandle.Vocabulary vocabulary;
    private readonly StreamingTokenDecoder decoder;
    private readonly StopSequenceMatcher stops;
    private readonly List<int> pendingIds = [];
    private readonly int contextSize;
    private readonly int reusedPositions;
    private int completionTokens;
    private int stepIndex;
    private int stepOffset;

    public Sequence(EngineRequest request, int slot, PromptPlan plan, int reusedUnits, int reusedPositions, LLamaWeights weights, int contextSize)
    {
        Request = request;
        Slot = slot;
        Id = (LLamaSeqId)slot;
        Plan = plan;
        this.contextSize = contextSize;
        this.reusedPositions = reusedPositions;
        Position = reusedPositions;
        SkipUnits(reusedUnits);
        vocabulary = weights.Vocab;
        decoder = new StreamingTokenDecoder(Encoding.UTF8, weights);
        stops = new StopSequenceMatcher(request.Sampling.StopSequences);
        Sampler = SamplerFactory.Create(request.Sampling);
    }

    public EngineRequest Request { get; }

    public int Slot { get; }

    public LLamaSeqId Id { get; }

    public PromptPlan Plan { get; }

    public SafeLLamaSamplerChainHandle Sampler { get; }

    /// <summary>The next free position.</summary>
    public int Position { get; set; }

    /// <summary>True while prompt steps remain to be decoded.</summary>
    public bool IsPrefilling => stepIndex < Plan.Steps.Count;

    /// <summary>The prompt steps not yet decoded, the one in progress first.</summary>
    public IEnumerable<PlanStep> RemainingSteps => Plan.Steps.Skip(stepIndex);

    /// <summary>True when the step to decode next is the prompt's last.</summary>
    public bool IsOnLastStep => stepIndex == Plan.Steps.Count - 1;

    /// <summary>The prompt step to decode next, and how much of it is already decoded.</summary>
    public (PlanStep Step, int Offset) NextStep => (Plan.Steps[stepIndex], stepOffset);

    /// <summary>The token to decode in the next step, once prefill is done.</summary>
    public LLamaToken LastToken { get; private set; }

    public bool IsFinished { get; private set; }

    /// <summary>Queue and encode times, set when the sequence starts.</summary>
    public (TimeSpan Queued, TimeSpan Encode) StartTimings { get; set; }

    /// <summary>When prefill of this sequence began and when its first token was sampled.</summary>
    public long PrefillStartedAt { get; set; }

    private long firstTokenAt;

    /// <summary>Marks <paramref name="count"/> positions of the current step as decoded.</summary>
    public void Advance(int count)
    {
        var step = Plan.Steps[stepIndex];
        Position += count;
        stepOffset += count;
        if (stepOffset >= step.Positions)
        {
            stepIndex++;
            stepOffset = 0;
        }
    }

    /// <summary>Takes a sampled token: streams its text and decides whether generation ends.</summary>
    public void Accept(LLamaToken token)
    {
        if (firstTokenAt == 0)
        {
            firstTokenAt = Stopwatch.GetTimestamp();
        }

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

    /// <summary>Sends the last update with the finish reason, usage and timings, and closes the stream.</summary>
    public void Finish(FinishReason reason, bool flush)
    {
        if (IsFinished)
        {
            return;
        }

        IsFinished = true;
        string rest = flush ? stops.Flush() : string.Empty;
        var (queued, encode) = StartTimings;
        long now = Stopwatch.GetTimestamp();
        var prefill = Stopwatch.GetElapsedTime(PrefillStartedAt, firstTokenAt == 0 ? now : firstTokenAt);
        var decode = firstTokenAt == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(firstTokenAt, now);
        var usage = Plan.Usage(completionTokens, reusedPositions);
        Request.Output.Writer.TryWrite(new GenerationUpdate(rest, [.. pendingIds], reason, usage, new GenerationTimings(queued, encode, prefill, decode)));
        Request.Output.Writer.TryComplete();
    }

    public void Dispose() => Sampler.Dispose();

    private void SkipUnits(int units)
    {
        // Reused KV covers whole tokens and whole media chunks, so it ends inside a token step or on a boundary.
        while (units > 0)
        {
            var step = Plan.Steps[stepIndex];
            int unitsInStep = step is TokenStep t ? t.Tokens.Length - stepOffset : 1;
            if (units >= unitsInStep)
            {
                units -= unitsInStep;
                stepIndex++;
                stepOffset = 0;
            }
            else
            {
                stepOffset += units;
                units = 0;
            }
        }
    }
}
