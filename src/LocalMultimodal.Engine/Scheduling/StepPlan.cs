namespace LocalMultimodal.Scheduling;

/// <summary>
/// What one decode step decodes: the next token of each generating sequence (<see cref="Decodes"/>, by
/// slot), prompt text of prefilling ones (<see cref="TokenSlices"/>, in order), and at most one media slice,
/// decoded after the tokens in a batch of its own.
/// </summary>
internal sealed record StepPlan(IReadOnlyList<int> Decodes, IReadOnlyList<PromptSlice> TokenSlices, PromptSlice? Media)
{
    public bool IsEmpty => Decodes.Count == 0 && TokenSlices.Count == 0 && Media is null;
}
