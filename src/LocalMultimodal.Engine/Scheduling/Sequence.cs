using System.Diagnostics;
using System.Text;
using LLama;
using LLama.Native;
using LocalMultimodal.Generation;
using LocalMultimodal.Sampling;

namespace LocalMultimodal.Scheduling;

/// <summary>
/// A request running in one slot: the prompt steps still to prefill, its position, sampler, decoder, stop
/// rules and timings. Prefill advances in pieces under the loop's per-step budget; then one token per step.
/// Only this type moves its position: the executor reports what it decoded and the sequence advances.
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
    private long firstTokenAt;

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
    public int Position { get; private set; }

    /// <summary>True while prompt steps remain to be decoded.</summary>
    public bool IsPrefilling => stepIndex < Plan.Steps.Count;

    /// <summary>The prompt steps not yet decoded, the one in progress first.</summary>
    public IEnumerable<PlanStep> RemainingSteps => Plan.Steps.Skip(stepIndex);

    /// <summary>What the step planner needs to know of this sequence.</summary>
    public PlannerSequence ForPlanner => new(Slot, Plan, stepIndex, stepOffset, Position, Request.SubmittedAt);

    /// <summary>The token to decode in the next step, once prefill is done.</summary>
    public LLamaToken LastToken { get; private set; }

    public bool IsFinished { get; private set; }

    /// <summary>Queue and encode times, set when the sequence starts.</summary>
    public (TimeSpan Queued, TimeSpan Encode) StartTimings { get; init; }

    /// <summary>When prefill of this sequence began, in <see cref="Stopwatch"/> ticks.</summary>
    public long PrefillStartedAt { get; init; }

    /// <summary>
    /// Marks <paramref name="count"/> rows of the prompt step at (<paramref name="stepIndex"/>, <paramref name="offset"/>)
    /// as decoded. The planner's slices of one sequence come in prompt order, so they always start where the last ended.
    /// </summary>
    public void AdvancePrompt(int stepIndex, int offset, int count)
    {
        if (stepIndex != this.stepIndex || offset != stepOffset)
        {
            throw new InvalidOperationException($"A prompt slice at step {stepIndex}+{offset} reached a sequence at step {this.stepIndex}+{stepOffset}.");
        }

        // One row is one position for text and for today's media; a media chunk whose positions differ from its
        // rows (M-RoPE) would advance the position by the chunk's positions once it completes.
        var step = Plan.Steps[this.stepIndex];
        Position += count;
        stepOffset += count;
        if (stepOffset >= step.Positions)
        {
            this.stepIndex++;
            stepOffset = 0;
        }
    }

    /// <summary>Marks the last sampled token as decoded.</summary>
    public void AdvanceGenerated() => Position++;

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

    /// <summary>Sends the last update with the finish reason, usage and timings; the stream closes when the slot is freed.</summary>
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
    }

    /// <summary>
    /// Called once the slot is freed: closes the output stream (unless a failure closed it already), so a caller
    /// that has read to the end sees the sequence gone from <see cref="InferenceLoop.ActiveSequences"/>.
    /// </summary>
    public void Dispose()
    {
        Request.Output.Writer.TryComplete();
        Sampler.Dispose();
    }

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
