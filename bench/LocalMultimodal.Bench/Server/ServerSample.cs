namespace LocalMultimodal.Bench.Server;

/// <summary>One streamed image request as its caller saw it, through the server or in process.</summary>
/// <param name="TimeToFirstTokenMs">From the start of the run (all its requests sent at once) to the first text.</param>
/// <param name="FinishedMs">From the start of the run to the end of the stream.</param>
/// <param name="CompletionTokens">The generated tokens, as the usage reports them.</param>
internal sealed record ServerSample(double TimeToFirstTokenMs, double FinishedMs, int CompletionTokens);
