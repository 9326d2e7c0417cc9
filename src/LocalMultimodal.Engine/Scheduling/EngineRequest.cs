using System.Threading.Channels;
using LocalMultimodal.Generation;
using LocalMultimodal.Prompts;
using LocalMultimodal.Sampling;

namespace LocalMultimodal.Scheduling;

/// <summary>A request on its way through the loop: the prompt, its sampling, and where its output goes.</summary>
internal sealed class EngineRequest(PreparedPrompt prompt, SamplingOptions sampling, CancellationToken callerToken, GrammarSampler? grammar = null) : LoopWork
{
    private volatile bool _abandoned;

    public PreparedPrompt Prompt { get; } = prompt;

    public SamplingOptions Sampling { get; } = sampling;

    public CancellationToken CallerToken { get; } = callerToken;

    /// <summary>The request's parsed grammar, if it has one; its sequence takes and frees it.</summary>
    public GrammarSampler? Grammar { get; } = grammar;

    /// <summary>When the request was submitted, in <see cref="System.Diagnostics.Stopwatch"/> ticks.</summary>
    public long SubmittedAt { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>True once the caller cancelled or stopped reading: the loop frees the sequence at its next step.</summary>
    public bool IsCancelled => _abandoned || CallerToken.IsCancellationRequested;

    public Channel<GenerationUpdate> Output { get; } = Channel.CreateUnbounded<GenerationUpdate>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    /// <summary>Called when the reader leaves early.</summary>
    public void Abandon() => _abandoned = true;

    public void Fail(Exception error) => Output.Writer.TryComplete(error);
}
