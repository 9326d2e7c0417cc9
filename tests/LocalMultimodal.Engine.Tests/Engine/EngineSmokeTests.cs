using LocalMultimodal.Generation;
using LocalMultimodal.Media;
using LocalMultimodal.Models;
using LocalMultimodal.Prompts;
using LocalMultimodal.Sampling;
using LocalMultimodal.Tests.Models;

namespace LocalMultimodal.Tests.Engine;

[Collection(NativeModelsCollection.Name)]
public sealed class EngineSmokeTests(NativeModelsFixture fixture)
{
    [Fact]
    public async Task ImagePrompt_StreamsTextAndEndsWithUsage()
    {
        await using var engine = await EngineFactory.LoadAsync(fixture, ProjectorKind.Gemma3);
        var image = ImageInput.FromPixels(64, 64, PixelFormat.Rgb24, ColourImages.Gradient(64, 64));

        var updates = new List<GenerationUpdate>();
        await foreach (var update in engine.GenerateAsync(EngineFactory.Prompt(image), SamplingOptions.Greedy(20)))
        {
            updates.Add(update);
        }

        var last = updates[^1];
        Assert.Equal(FinishReason.Length, last.FinishReason);
        Assert.All(updates[..^1], u => Assert.Null(u.FinishReason));
        Assert.Equal(20, updates.Sum(u => u.TokenIds.Count));
        Assert.Equal(20, last.Usage!.CompletionTokens);
        Assert.Equal(16, last.Usage.ImageTokens);
        Assert.Equal(0, last.Usage.AudioTokens);
        Assert.Equal(last.Usage.TextTokens + 16, last.Usage.PromptTokens);
    }

    [Theory]
    [InlineData(ProjectorKind.Gemma3)]
    [InlineData(ProjectorKind.Mlp)]
    [InlineData(ProjectorKind.Idefics3)]
    public async Task ImageTokens_EqualLlamaCppsOwnHelperPath(ProjectorKind kind)
    {
        // libmtmd's mtmd_helper_eval_chunks is the reference: our encode-then-decode path must give its tokens.
        byte[] rgb = ColourImages.Gradient(64, 64);
        using var embed = LLama.Native.SafeMtmdEmbed.FromRgbBytes(64, 64, rgb)!;
        var prompt = EngineFactory.Prompt(ImageInput.FromPixels(64, 64, PixelFormat.Rgb24, rgb));
        var reference = HelperPathReference.GreedyTokens(fixture, fixture.Projector(kind), prompt.Text, [embed], count: 8);

        await using var engine = await EngineFactory.LoadAsync(fixture, kind);
        var tokens = await EngineFactory.GreedyTokensAsync(engine, prompt);

        Assert.Equal(reference, tokens);
    }
}
