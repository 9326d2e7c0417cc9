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
/// Positions are not cells: an M-RoPE image fills one KV cell per row but moves the position only by its
/// <see cref="ChunkPositions.Count"/>, once all of it is decoded; until then its rows are placed from
/// <see cref="Position"/>, the chunk's start. The context is a number of cells, so limits use <see cref="Cells"/>.
/// </summary>
internal sealed class Sequence : IDisposable
{
    private readonly SafeLlamaModelHandle.Vocabulary _vocabulary;
    private readonly StreamingTokenDecoder _decoder;
    private readonly StopSequenceMatcher _stops;
    private readonly List<int> _pendingIds = [];
    private readonly int _contextSize;
    private int _completionTokens;
    private int _stepIndex;
    private int _stepOffset;
    private long _firstTokenAt;

    public Sequence(EngineRequest request, int slot, PromptPlan plan, int reusedUnits, int reusedPositions, LLamaWeights weights, int contextSize)
    {
        Request = request;
        Slot = slot;
        Id = (LLamaSeqId)slot;
        Plan = plan;
        _contextSize = contextSize;
        Position = reusedPositions;
        SkipUnits(reusedUnits);
        ReusedCells = Cells;
        _vocabulary = weights.Vocab;
        _decoder = new StreamingTokenDecoder(Encoding.UTF8, weights);
        _stops = new StopSequenceMatcher(request.Sampling.StopSequences);
        Sampler = SamplerFactory.Create(request.Sampling, request.Grammar, weights.NativeHandle);
    }

    public EngineRequest Request { get; }

    public int Slot { get; }

    public LLamaSeqId Id { get; }

    public PromptPlan Plan { get; }

    public TokenSampler Sampler { get; }

    /// <summary>The next free position; inside a media chunk being prefilled, the chunk's start.</summary>
    public int Position { get; private set; }

    /// <summary>The KV cells this sequence fills: reused, prefilled and generated rows.</summary>
    public int Cells { get; private set; }

    /// <summary>The cells reused from a slot's KV (the prompt's cached tokens).</summary>
    public int ReusedCells { get; }

    /// <summary>True while prompt steps remain to be decoded.</summary>
    public bool IsPrefilling => _stepIndex < Plan.Steps.Count;

    /// <summary>The prompt steps not yet decoded, the one in progress first.</summary>
    public IEnumerable<PlanStep> RemainingSteps => Plan.Steps.Skip(_stepIndex);

    /// <summary>What the step planner needs to know of this sequence.</summary>
    public PlannerSequence ForPlanner => new(Slot, Plan, _stepIndex, _stepOffset, Cells, Request.SubmittedAt);

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
        if (stepIndex != _stepIndex || offset != _stepOffset)
        {
            throw new InvalidOperationException($"A prompt slice at step {stepIndex}+{offset} reached a sequence at step {_stepIndex}+{_stepOffset}.");
        }

        // A text row is one position; a media chunk moves the position by its own count once complete.
        var step = Plan.Steps[_stepIndex];
        Cells += count;
        _stepOffset += count;
        if (step is TokenStep)
        {
            Position += count;
        }

        if (_stepOffset >= step.Cells)
        {
            if (step is not TokenStep)
            {
                Position += step.Positions;
            }

            _stepIndex++;
            _stepOffset = 0;
        }
    }

    /// <summary>Marks the last sampled token as decoded.</summary>
    public void AdvanceGenerated()
    {
        Position++;
        Cells++;
    }

    /// <summary>Takes a sampled token: streams its text and decides whether generation ends.</summary>
    public void Accept(LLamaToken token)
    {
        if (_firstTokenAt == 0)
        {
            _firstTokenAt = Stopwatch.GetTimestamp();
        }

        LastToken = token;
        _completionTokens++;
        if (!Request.Sampling.IgnoreEndOfSequence && token.IsEndOfGeneration(_vocabulary))
        {
            Finish(FinishReason.Stop, flush: true);
            return;
        }

        _pendingIds.Add((int)token);
        _decoder.Add(token);
        var (emit, stopped) = _stops.Append(_decoder.Read());
        if (emit.Length > 0)
        {
            Request.Output.Writer.TryWrite(new GenerationUpdate(emit, [.. _pendingIds]));
            _pendingIds.Clear();
        }

        if (stopped)
        {
            Finish(FinishReason.Stop, flush: false);
        }
        else if (_completionTokens >= (Request.Sampling.MaxTokens ?? int.MaxValue) || Cells + 1 >= _contextSize)
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
        string rest = flush ? _stops.Flush() : string.Empty;
        var (queued, encode) = StartTimings;
        long now = Stopwatch.GetTimestamp();
        var prefill = Stopwatch.GetElapsedTime(PrefillStartedAt, _firstTokenAt == 0 ? now : _firstTokenAt);
        var decode = _firstTokenAt == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(_firstTokenAt, now);
        var usage = Plan.Usage(_completionTokens, ReusedCells);
        Request.Output.Writer.TryWrite(new GenerationUpdate(rest, [.. _pendingIds], reason, usage, new GenerationTimings(queued, encode, prefill, decode)));
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
            var step = Plan.Steps[_stepIndex];
            int unitsInStep = step is TokenStep t ? t.Tokens.Length - _stepOffset : 1;
            if (units >= unitsInStep)
            {
                units -= unitsInStep;
                Cells += step is TokenStep ? unitsInStep : step.Cells;
                _stepIndex++;
                _stepOffset = 0;
            }
            else
            {
                _stepOffset += units;
                Cells += units;
                units = 0;
            }
        }
    }
}
