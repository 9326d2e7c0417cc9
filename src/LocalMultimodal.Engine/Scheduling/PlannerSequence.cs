namespace LocalMultimodal.Scheduling;

/// <summary>
/// A running sequence as the step planner sees it: its prompt, how far prefill has got (the step in progress
/// and how many of its rows are decoded), the KV cells it has filled and when it was submitted.
/// </summary>
internal readonly record struct PlannerSequence(int Slot, PromptPlan Plan, int StepIndex, int StepOffset, int DecodedCells, long SubmittedAt)
{
    /// <summary>True while prompt steps remain to be decoded.</summary>
    public bool IsPrefilling => StepIndex < Plan.Steps.Count;

    /// <summary>Prompt rows still to decode: what "shortest remaining prompt first" compares.</summary>
    public int RemainingCells => Plan.Cells - DecodedCells;
}
