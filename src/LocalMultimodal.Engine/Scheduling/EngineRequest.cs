using System.Threading.Channels;
using LocalMultimodal.Generation;
using LocalMultimodal.Prompts;
using LocalMultimodal.Sampling;

namespace LocalMultimodal.Scheduling;

/// <summary>A request on its way through the loop: the prompt, its sampling, and where its output goes.</summary>
internal sealed class EngineRequest : IDisposable
{
    private readonly CancellationTokenSource abort;

    public EngineRequest(PreparedPrompt prompt, SamplingOptions sampling, CancellationToken callerToken)
    {
        Prompt = prompt;
        Sampling = sampling;
        CallerToken = callerToken;
        abort = CancellationTokenSource.CreateLinkedTokenSource(callerToken);

        // Taken now: the reader disposes the request (and so the source) as soon as it leaves, while the loop may
        // still look at the token; CancellationTokenSource.Token throws once disposed, a copied token does not.
        Token = abort.Token;
    }

    public PreparedPrompt Prompt { get; }

    public SamplingOptions Sampling { get; }

    public CancellationToken CallerToken { get; }

    /// <summary>Cancelled when the caller cancels or stops reading.</summary>
    public CancellationToken Token { get; }

    public Channel<GenerationUpdate> Output { get; } = Channel.CreateUnbounded<GenerationUpdate>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    /// <summary>Called when the reader leaves early: the loop frees the sequence at its next step.</summary>
    public void Abandon() => abort.Cancel();

    public void Fail(Exception error) => Output.Writer.TryComplete(error);

    public void Dispose() => abort.Dispose();
}
