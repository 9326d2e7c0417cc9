using LocalMultimodal.Errors;
using LocalMultimodal.Generation;
using LocalMultimodal.Gguf;
using LocalMultimodal.Media;
using LocalMultimodal.Models;
using LocalMultimodal.Prompts;
using LocalMultimodal.Sampling;
using LocalMultimodal.Tests.Models;

namespace LocalMultimodal.Tests.Engine;

/// <summary>Sampling, stopping, cancellation, chat templates and batches.</summary>
[Collection(NativeModelsCollection.Name)]
public sealed class EngineGenerationTests(NativeModelsFixture fixture)
{
    private static readonly ImageInput Image = ImageInput.FromPixels(64, 64, PixelFormat.Rgb24, ColourImages.Gradient(64, 64));

    [Fact]
    public async Task StopSequence_EndsTheAnswerBeforeIt()
    {
        await using var engine = await EngineFactory.LoadAsync(fixture, ProjectorKind.Gemma3);
        var sampling = new SamplingOptions { Temperature = 0, MaxTokens = 40, IgnoreEndOfSequence = true };
        string full = (await engine.GenerateAsync(EngineFactory.Prompt(Image), sampling).CollectAsync()).Text;
        Assert.True(full.Length > 12, $"need a longer answer to cut: '{full}'");
        string stop = full.Substring(full.Length / 2, 4);

        sampling.StopSequences = [stop];
        var cut = await engine.GenerateAsync(EngineFactory.Prompt(Image), sampling).CollectAsync();

        Assert.Equal(full[..full.IndexOf(stop, StringComparison.Ordinal)], cut.Text);
        Assert.Equal(FinishReason.Stop, cut.FinishReason);
    }

    [Fact]
    public async Task MaxTokens_EndsWithLength()
    {
        await using var engine = await EngineFactory.LoadAsync(fixture, ProjectorKind.Gemma3);

        var result = await engine.GenerateAsync(EngineFactory.Prompt(Image), new SamplingOptions { MaxTokens = 7, IgnoreEndOfSequence = true }).CollectAsync();

        Assert.Equal(FinishReason.Length, result.FinishReason);
        Assert.Equal(7, result.Usage.CompletionTokens);
    }

    [Fact]
    public async Task Seed_MakesRandomSamplingRepeatable()
    {
        await using var engine = await EngineFactory.LoadAsync(fixture, ProjectorKind.Gemma3);
        SamplingOptions Seeded(uint seed) => new() { Temperature = 1.5f, TopK = 200, TopP = 0.95f, MinP = 0.001f, Seed = seed, MaxTokens = 16, IgnoreEndOfSequence = true, RepetitionPenalty = 1.1f };

        var first = await engine.GenerateAsync(EngineFactory.Prompt(Image), Seeded(42)).CollectAsync();
        var again = await engine.GenerateAsync(EngineFactory.Prompt(Image), Seeded(42)).CollectAsync();
        var other = await engine.GenerateAsync(EngineFactory.Prompt(Image), Seeded(43)).CollectAsync();

        Assert.Equal(first.TokenIds, again.TokenIds);
        Assert.NotEqual(first.TokenIds, other.TokenIds);
    }

    [Fact]
    public async Task CancellingMidStream_FreesTheSequence_AndTheEngineKeepsServing()
    {
        await using var engine = await EngineFactory.LoadAsync(fixture, ProjectorKind.Gemma3);
        using var cancel = new CancellationTokenSource();
        int seen = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in engine.GenerateAsync(EngineFactory.Prompt(Image), new SamplingOptions { MaxTokens = 2000, IgnoreEndOfSequence = true }, cancel.Token))
            {
                if (++seen == 3)
                {
                    await cancel.CancelAsync();
                }
            }
        });

        await WaitUntilIdle(engine);
        var next = await engine.GenerateAsync(EngineFactory.Prompt(Image), SamplingOptions.Greedy(3)).CollectAsync();
        Assert.Equal(3, next.TokenIds.Count);
    }

    [Fact]
    public async Task ReaderThatStopsEarly_FreesTheSequence()
    {
        await using var engine = await EngineFactory.LoadAsync(fixture, ProjectorKind.Gemma3);

        await foreach (var update in engine.GenerateAsync(EngineFactory.Prompt(Image), new SamplingOptions { MaxTokens = 2000, IgnoreEndOfSequence = true }))
        {
            break;
        }

        await WaitUntilIdle(engine);
    }

    [Fact]
    public async Task Chat_RendersTheModelsTemplate_WithMediaInterleaved()
    {
        await using var engine = await EngineFactory.LoadAsync(fixture, ProjectorKind.Gemma3);
        var conversation = new[]
        {
            new ChatTurn("system", "Be brief."),
            new ChatTurn("user", "Compare", Image, "with", Image),
        };

        var chat = await engine.ChatAsync(conversation, SamplingOptions.Greedy(6)).CollectAsync();
        var raw = await engine.GenerateAsync(
            new MultimodalPrompt(
                $"<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nCompare{MultimodalPrompt.MediaMarker}with{MultimodalPrompt.MediaMarker}<|im_end|>\n<|im_start|>assistant\n",
                Image, Image),
            SamplingOptions.Greedy(6)).CollectAsync();

        Assert.Equal(32, chat.Usage.ImageTokens);
        Assert.Equal(raw.Usage.PromptTokens, chat.Usage.PromptTokens);
        Assert.Equal(raw.TokenIds, chat.TokenIds);
    }

    [Fact]
    public async Task Chat_TreatsMarkersAndSpecialTokensInUserTextAsText()
    {
        await using var engine = await EngineFactory.LoadAsync(fixture, ProjectorKind.Gemma3);

        var plain = await engine.ChatAsync([new ChatTurn("user", "x")], SamplingOptions.Greedy(1)).CollectAsync();
        var tricky = await engine.ChatAsync([new ChatTurn("user", $"x<|im_start|>{MultimodalPrompt.MediaMarker}")], SamplingOptions.Greedy(1)).CollectAsync();

        Assert.Equal(0, tricky.Usage.ImageTokens);
        // As text, "<|im_start|>" and the marker are many byte and character tokens, not one control token.
        Assert.True(tricky.Usage.TextTokens > plain.Usage.TextTokens + 10, $"{tricky.Usage.TextTokens} vs {plain.Usage.TextTokens}");
    }

    [Fact]
    public async Task ModelWithoutTemplate_ExplainsHowToGiveOne_AndTheOverrideWorks()
    {
        using var folder = new TempFolder();
        var llm = GeneratedModels.BuildLlm();
        llm.Remove("tokenizer.chat_template");
        string path = folder.File("no-template.gguf");
        GgufWriter.WriteFile(llm, path);
        var conversation = new[] { new ChatTurn("user", "hello") };

        await using (var bare = await MultimodalEngine.LoadAsync(new EngineOptions { ModelPath = path, Threads = 2 }))
        {
            var error = await Assert.ThrowsAsync<InvalidRequestException>(() => bare.ChatAsync(conversation).CollectAsync());
            Assert.Contains("ChatTemplate", error.Message);
            Assert.Contains("--chat-template", error.Message);
        }

        await using var overridden = await MultimodalEngine.LoadAsync(new EngineOptions { ModelPath = path, Threads = 2, ChatTemplate = "chatml" });
        var answer = await overridden.ChatAsync(conversation, SamplingOptions.Greedy(2)).CollectAsync();
        Assert.Equal(2, answer.Usage.CompletionTokens);
    }

    [Fact]
    public async Task Batch_ReturnsResultsInPromptOrder_EachAsIfAlone()
    {
        await using var engine = await EngineFactory.LoadAsync(fixture, ProjectorKind.Gemma3);
        var prompts = new[]
        {
            EngineFactory.Prompt(Image),
            EngineFactory.Prompt(ImageInput.FromPixels(64, 64, PixelFormat.Rgb24, ColourImages.Checkerboard(64, 64))),
            new MultimodalPrompt("<|im_start|>user\nhello<|im_end|>\n<|im_start|>assistant\n"),
        };
        var sampling = new SamplingOptions { Temperature = 0, MaxTokens = 12, IgnoreEndOfSequence = true };

        var batch = await engine.GenerateBatchAsync(prompts, sampling);

        Assert.Equal(3, batch.Count);
        for (int i = 0; i < prompts.Length; i++)
        {
            var alone = await engine.GenerateAsync(prompts[i], sampling).CollectAsync();
            Assert.Equal(alone.TokenIds, batch[i].TokenIds);
        }
    }

    private static async Task WaitUntilIdle(MultimodalEngine engine)
    {
        for (int i = 0; i < 200 && engine.ActiveSequences > 0; i++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(0, engine.ActiveSequences);
    }
}
