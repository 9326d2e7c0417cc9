namespace LocalMultimodal.Fuzz.ModelFiles;

/// <summary>The outcome of one probe and its message (the refusal, the error, or the crash's last output).</summary>
internal sealed record ProbeVerdict(ProbeOutcome Outcome, string Message)
{
    public bool IsFailure => Outcome is ProbeOutcome.Unexpected or ProbeOutcome.Crashed or ProbeOutcome.Hung or ProbeOutcome.OutOfMemory;
}
