using LocalMultimodal.Generation;

namespace LocalMultimodal.Bench.Scenarios;

/// <summary>One engine request as its caller saw it, with the engine's own timings and usage.</summary>
/// <param name="TimeToFirstTokenMs">From the start of the run (all requests submitted at once) to its first token.</param>
/// <param name="FinishedMs">From the start of the run to its last update.</param>
/// <param name="Tokens">The generated token ids.</param>
/// <param name="Timings">The engine's timings of the request.</param>
/// <param name="Usage">The engine's token usage of the request.</param>
internal sealed record EngineSample(double TimeToFirstTokenMs, double FinishedMs, IReadOnlyList<int> Tokens, GenerationTimings Timings, TokenUsage Usage)
{
    /// <summary>Mean time per output token after the first.</summary>
    public double TimePerOutputTokenMs => (FinishedMs - TimeToFirstTokenMs) / Math.Max(1, Tokens.Count - 1);

    public double DecodeTokensPerSecond => 1000 / TimePerOutputTokenMs;
}
