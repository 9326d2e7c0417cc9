using LLama.Native;
using LocalMultimodal.Generation;
using LocalMultimodal.Models;
using LocalMultimodal.Prompts;
using LocalMultimodal.Sampling;
using LocalMultimodal.Scheduling;
using LocalMultimodal.Tests.Models;

namespace LocalMultimodal.Tests.Scheduling;

/// <summary>What a sequence streams for the tokens it is given: whole characters, stop sequences held back.</summary>
[Collection(NativeModelsCollection.Name)]
public sealed class SequenceStreamingTests(NativeModelsFixture fixture)
{
    private static readonly TinyVocabulary Vocabulary = new();

    [Fact]
    public async Task ACharacterSplitAcrossByteTokens_ArrivesWhole_WithItsLastToken()
    {
        var (sequence, request) = Start(new SamplingOptions { MaxTokens = 10 });

        sequence.Accept(Byte(0xC3));
        sequence.Accept(Byte(0xA9));
        sequence.Finish(FinishReason.Stop, flush: true);

        var updates = await Drain(sequence, request);
        Assert.Equal("é", updates[0].Text);
        Assert.Equal([(int)Byte(0xC3), (int)Byte(0xA9)], updates[0].TokenIds);
        Assert.Equal(FinishReason.Stop, updates[^1].FinishReason);
    }

    [Fact]
    public async Task AStopSequenceSplitAcrossTokens_IsNeverEmitted()
    {
        var (sequence, request) = Start(new SamplingOptions { MaxTokens = 10, StopSequences = ["ab"] });

        sequence.Accept(Byte((byte)'x'));
        sequence.Accept(Byte((byte)'a'));
        Assert.False(sequence.IsFinished);
        sequence.Accept(Byte((byte)'b'));

        var updates = await Drain(sequence, request);
        Assert.Equal("x", string.Concat(updates.Select(u => u.Text)));
        Assert.Equal(FinishReason.Stop, updates[^1].FinishReason);
    }

    [Fact]
    public async Task EndOfTurn_FinishesWithStop_AndEmitsNoText()
    {
        var (sequence, request) = Start(new SamplingOptions { MaxTokens = 10 });

        sequence.Accept((LLamaToken)TinyVocabulary.ImEndId);

        var updates = await Drain(sequence, request);
        Assert.Equal(string.Empty, string.Concat(updates.Select(u => u.Text)));
        Assert.Equal(FinishReason.Stop, updates[^1].FinishReason);
        Assert.Equal(1, updates[^1].Usage!.CompletionTokens);
    }

    private (Sequence Sequence, EngineRequest Request) Start(SamplingOptions sampling)
    {
        var plan = new PromptPlan([new TokenStep([(LLamaToken)TinyVocabulary.BeginOfSequenceId])]);
        var request = new EngineRequest(new PreparedPrompt([]), sampling, CancellationToken.None);
        return (new Sequence(request, 0, plan, 0, 0, fixture.Weights, 4096), request);
    }

    private static LLamaToken Byte(byte value) => (LLamaToken)Vocabulary.GetTokenId($"<0x{value:X2}>");

    /// <summary>Frees the finished sequence as the loop does when it retires one (which closes its stream), then reads the stream.</summary>
    private static async Task<List<GenerationUpdate>> Drain(Sequence sequence, EngineRequest request)
    {
        Assert.True(sequence.IsFinished);
        sequence.Dispose();
        var updates = new List<GenerationUpdate>();
        await foreach (var update in request.Output.Reader.ReadAllAsync())
        {
            updates.Add(update);
        }

        return updates;
    }
}
