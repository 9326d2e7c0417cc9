using LLama.Native;
using LocalMultimodal.Media;
using LocalMultimodal.Scheduling;

namespace LocalMultimodal.Tests.Scheduling;

/// <summary>The step planner's policy, on hand-made sequences: no model is loaded.</summary>
public sealed class StepPlannerTests
{
    [Fact]
    public void GeneratingSequences_DecodeFirst_OneRowEach_InSlotOrder()
    {
        var plan = StepPlanner.Plan([Generating(0), Prefilling(1, 0, Text(100)), Generating(3)], budget: 64);

        Assert.Equal([0, 3], plan.Decodes);
        Assert.Equal([new PromptSlice(1, 0, 0, 62, false)], plan.TokenSlices);
    }

    [Fact]
    public void ShortestRemainingPrompt_IsPrefilledFirst()
    {
        var plan = StepPlanner.Plan([Prefilling(0, 0, Text(100)), Prefilling(1, 1, Text(10))], budget: 64);

        Assert.Equal([new PromptSlice(1, 0, 0, 10, true), new PromptSlice(0, 0, 0, 54, false)], plan.TokenSlices);
    }

    [Fact]
    public void RemainingPrompt_CountsFromTheSequencesPosition_NotItsLength()
    {
        // Slot 0's prompt is longer but mostly reused: 20 positions remain against slot 1's 30.
        var reused = new PlannerSequence(0, new PromptPlan([Text(200)]), 0, 180, 180, SubmittedAt: 5);

        var plan = StepPlanner.Plan([reused, Prefilling(1, 0, Text(30))], budget: 512);

        Assert.Equal([new PromptSlice(0, 0, 180, 20, true), new PromptSlice(1, 0, 0, 30, true)], plan.TokenSlices);
    }

    [Fact]
    public void EqualRemainingPrompts_GoInSubmissionOrder()
    {
        var plan = StepPlanner.Plan([Prefilling(0, submittedAt: 9, Text(40)), Prefilling(1, submittedAt: 2, Text(40))], budget: 50);

        Assert.Equal([new PromptSlice(1, 0, 0, 40, true), new PromptSlice(0, 0, 0, 10, false)], plan.TokenSlices);
    }

    [Fact]
    public void LongPrompt_IsPrefilledInBudgetSizedPieces_AndOnlyTheLastAsksForLogits()
    {
        var steps = new PromptPlan([Text(300)]);
        var slices = new List<PromptSlice>();
        for (int offset = 0; offset < 300; offset += slices[^1].Count)
        {
            var plan = StepPlanner.Plan([new PlannerSequence(0, steps, 0, offset, offset, 0)], budget: 128);
            slices.Add(Assert.Single(plan.TokenSlices));
        }

        Assert.Equal([new PromptSlice(0, 0, 0, 128, false), new PromptSlice(0, 0, 128, 128, false), new PromptSlice(0, 0, 256, 44, true)], slices);
    }

    [Fact]
    public void PromptSteps_AreTakenInOrder_AndAMediaSliceEndsTheStep()
    {
        var plan = StepPlanner.Plan([Prefilling(0, 0, Text(5), Image(16), Text(3))], budget: 512);

        Assert.Equal([new PromptSlice(0, 0, 0, 5, false)], plan.TokenSlices);
        Assert.Equal(new PromptSlice(0, 1, 0, 16, false), plan.Media);
    }

    [Fact]
    public void MediaSlice_ThatEndsThePrompt_AsksForLogits()
    {
        var sequence = new PlannerSequence(0, new PromptPlan([Text(5), Image(16)]), 1, 0, 5, 0);

        var plan = StepPlanner.Plan([sequence], budget: 512);

        Assert.Empty(plan.TokenSlices);
        Assert.Equal(new PromptSlice(0, 1, 0, 16, true), plan.Media);
    }

    [Fact]
    public void AtMostOneMediaChunk_IsDecodedPerStep()
    {
        var plan = StepPlanner.Plan([Prefilling(0, 0, Image(16), Text(2)), Prefilling(1, 1, Image(16), Text(2))], budget: 512);

        Assert.Empty(plan.TokenSlices);
        Assert.Equal(new PromptSlice(0, 0, 0, 16, false), plan.Media);
    }

    [Fact]
    public void NonCausalChunk_IsDecodedWhole_OverBudget_WhenNoOtherPromptRowsWereTaken()
    {
        var plan = StepPlanner.Plan([Generating(0), Generating(1), Prefilling(2, 0, Image(300))], budget: 128);

        Assert.Equal([0, 1], plan.Decodes);
        Assert.Equal(new PromptSlice(2, 0, 0, 300, true), plan.Media);
    }

    [Fact]
    public void NonCausalChunk_OverWhatIsLeft_WaitsForAStepOfItsOwn()
    {
        var plan = StepPlanner.Plan([Prefilling(0, 0, Text(100)), Prefilling(1, 1, Image(300))], budget: 128);

        Assert.Equal([new PromptSlice(0, 0, 0, 100, true)], plan.TokenSlices);
        Assert.Null(plan.Media);
    }

    [Fact]
    public void NonCausalChunk_ThatFitsWhatIsLeft_JoinsOtherPromptRows()
    {
        var plan = StepPlanner.Plan([Prefilling(0, 0, Text(20)), Prefilling(1, 1, Image(100))], budget: 128);

        Assert.Equal([new PromptSlice(0, 0, 0, 20, true)], plan.TokenSlices);
        Assert.Equal(new PromptSlice(1, 0, 0, 100, true), plan.Media);
    }

    [Fact]
    public void CausalChunk_IsCutToTheBudget_AndContinuesWhereItStopped()
    {
        var steps = new PromptPlan([Audio(300), Text(4)]);

        var first = StepPlanner.Plan([new PlannerSequence(0, steps, 0, 0, 0, 0)], budget: 128);
        var later = StepPlanner.Plan([new PlannerSequence(0, steps, 0, 256, 256, 0)], budget: 128);

        Assert.Equal(new PromptSlice(0, 0, 0, 128, false), first.Media);
        Assert.Equal(new PromptSlice(0, 0, 256, 44, false), later.Media);
    }

    [Fact]
    public void BudgetSpentOnDecodes_LeavesPrefillForALaterStep()
    {
        PlannerSequence[] sequences = [.. Enumerable.Range(0, 16).Select(Generating), Prefilling(16, 0, Text(10))];

        var plan = StepPlanner.Plan(sequences, budget: 16);

        Assert.Equal(16, plan.Decodes.Count);
        Assert.Empty(plan.TokenSlices);
        Assert.Null(plan.Media);
    }

    [Fact]
    public void NothingRunning_PlansNothing()
    {
        Assert.True(StepPlanner.Plan([], budget: 64).IsEmpty);
    }

    [Fact]
    public void MediaChunkWithNoEncoding_IsRefused()
    {
        var unresolved = new UnresolvedMediaStep("uuid-1", new MediaChunkKey("Image:abc", 0, 0), 16, MediaModality.Image, ChunkPositions.Linear(16));

        Assert.Throws<InvalidOperationException>(() => StepPlanner.Plan([Prefilling(0, 0, unresolved)], budget: 64));
    }

    private static TokenStep Text(int count) => new([.. Enumerable.Range(1, count).Select(i => (LLamaToken)i)]);

    private static EmbeddingStep Image(int tokens) => new(new MediaChunkKey("Image:abc", 0, 0), new float[tokens], tokens, MediaModality.Image, NonCausal: true, ChunkPositions.Linear(tokens));

    private static EmbeddingStep Audio(int tokens) => new(new MediaChunkKey("Audio:abc", 0, 0), new float[tokens], tokens, MediaModality.Audio, NonCausal: false, ChunkPositions.Linear(tokens));

    private static PlannerSequence Prefilling(int slot, long submittedAt, params PlanStep[] steps) => new(slot, new PromptPlan(steps), 0, 0, 0, submittedAt);

    private static PlannerSequence Generating(int slot)
    {
        var plan = new PromptPlan([Text(8)]);
        return new PlannerSequence(slot, plan, 1, 0, 8, 0);
    }
}
