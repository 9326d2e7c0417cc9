namespace LocalMultimodal.Bench.Baselines;

/// <summary>One request of a baseline: when its first token came, when it finished, and what it returned.</summary>
/// <param name="TimeToFirstTokenMs">From the start of the run (all requests submitted at once) to its first token.</param>
/// <param name="FinishedMs">From the start of the run to its last token.</param>
/// <param name="TokenCount">Tokens returned.</param>
/// <param name="Tokens">The token ids, where the baseline exposes them (empty otherwise).</param>
internal sealed record RawRequest(double TimeToFirstTokenMs, double FinishedMs, int TokenCount, IReadOnlyList<int> Tokens)
{
    /// <summary>Decode speed after the first token: (tokens - 1) over the time from first to last token.</summary>
    public double DecodeTokensPerSecond => (TokenCount - 1) / ((FinishedMs - TimeToFirstTokenMs) / 1000);
}
