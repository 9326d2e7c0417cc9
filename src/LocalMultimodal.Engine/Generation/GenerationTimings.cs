namespace LocalMultimodal.Generation;

/// <summary>Where one request's time went.</summary>
/// <param name="Queued">From submission until a sequence took it.</param>
/// <param name="Encode">Tokenizing the text and running the projector on the media.</param>
/// <param name="Prefill">Decoding the prompt into the KV cache, up to the first token's logits.</param>
/// <param name="Decode">From the first generated token to the last.</param>
public sealed record GenerationTimings(TimeSpan Queued, TimeSpan Encode, TimeSpan Prefill, TimeSpan Decode)
{
    /// <summary>From submission to the first token.</summary>
    public TimeSpan TimeToFirstToken => Queued + Encode + Prefill;
}
