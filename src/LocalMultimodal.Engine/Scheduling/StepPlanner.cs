namespace LocalMultimodal.Scheduling;

/// <summary>
/// Decides what one step decodes, from the running sequences and the step budget (rows per step, vLLM's
/// <c>max_num_batched_tokens</c>). Pure: it reads sequences and returns a plan, so its policy is tested
/// without a model. The rules:
/// <list type="bullet">
/// <item>Every generating sequence decodes its next token, first, one row each of the budget.</item>
/// <item>Prefilling sequences follow, shortest remaining prompt first (then the earliest submitted), so a short
/// request's first token never waits behind a long prefill; text is cut to the budget left.</item>
/// <item>At most one media slice per step, after which nothing else is taken. A causal chunk may be cut to the
/// budget; a non-causal chunk (bidirectional image attention) is decoded whole, and over budget only when no
/// prompt rows were taken this step, so every prompt makes progress.</item>
/// </list>
/// </summary>
internal static class StepPlanner
{
    /// <param name="sequences">The running sequences, in slot order.</param>
    /// <param name="budget">Rows one step decodes (<see cref="EngineOptions.StepTokenBudget"/>).</param>
    public static StepPlan Plan(IReadOnlyList<PlannerSequence> sequences, int budget)
    {
        var decodes = new List<int>();
        foreach (var sequence in sequences.Where(s => !s.IsPrefilling))
        {
            decodes.Add(sequence.Slot);
        }

        // What the budget would be had no prompt rows been taken: a non-causal chunk may exceed only that.
        int untouched = budget - decodes.Count;
        int left = untouched;
        var slices = new List<PromptSlice>();
        PromptSlice? media = null;
        foreach (var sequence in sequences.Where(s => s.IsPrefilling).OrderBy(s => s.RemainingCells).ThenBy(s => s.SubmittedAt))
        {
            media = TakePrompt(sequence, ref left, untouched, slices);
            if (left <= 0 || media is not null)
            {
                break;
            }
        }

        return new StepPlan(decodes, slices, media);
    }

    /// <summary>Takes prompt rows of one sequence; returns its media slice when one was taken (which ends the step).</summary>
    private static PromptSlice? TakePrompt(PlannerSequence sequence, ref int left, int untouched, List<PromptSlice> slices)
    {
        var steps = sequence.Plan.Steps;
        int index = sequence.StepIndex;
        int offset = sequence.StepOffset;
        while (index < steps.Count)
        {
            bool lastStep = index == steps.Count - 1;
            switch (steps[index])
            {
                case TokenStep text:
                {
                    int count = Math.Min(left, text.Tokens.Length - offset);
                    if (count <= 0)
                    {
                        return null;
                    }

                    bool completes = offset + count == text.Tokens.Length;
                    slices.Add(new PromptSlice(sequence.Slot, index, offset, count, completes && lastStep));
                    left -= count;
                    if (!completes)
                    {
                        return null;
                    }

                    break;
                }

                case EmbeddingStep embedding:
                {
                    int remaining = embedding.Cells - offset;
                    int count = embedding.NonCausal ? remaining : Math.Min(left, remaining);
                    if (count <= 0 || (embedding.NonCausal && remaining > left && left < untouched))
                    {
                        return null;
                    }

                    left -= count;
                    return new PromptSlice(sequence.Slot, index, offset, count, offset + count == embedding.Cells && lastStep);
                }

                default:
                    throw new InvalidOperationException("A media chunk with no encoding reached decoding.");
            }

            index++;
            offset = 0;
        }

        return null;
    }
}
