namespace LocalMultimodal.Scheduling;

/// <summary>
/// Rows <paramref name="Offset"/> to <paramref name="Offset"/> + <paramref name="Count"/> of prompt step
/// <paramref name="StepIndex"/> of the sequence in <paramref name="Slot"/>, to decode this step.
/// <paramref name="CompletesPrompt"/>: the slice ends the prompt, so its last row's logits are sampled.
/// </summary>
internal readonly record struct PromptSlice(int Slot, int StepIndex, int Offset, int Count, bool CompletesPrompt);
