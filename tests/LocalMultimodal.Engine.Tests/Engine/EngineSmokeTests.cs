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
        var image = ImageInput.FromPixels(64, 64, PixelFormat.Rgb24, TestMedia.Gradient(64, 64));
        var prompt = new MultimodalPrompt(EngineFactory.ChatPrompt(MultimodalPrompt.MediaMarker + "Describe this."), image);

        var result = await engine.GenerateAsync(prompt, SamplingOptions.Greedy(20)).CollectAsync();

        Assert.Equal(20, result.TokenIds.Count);
        Assert.Equal(FinishReason.Length, result.FinishReason);
        Assert.Equal(16, result.Usage.ImageTokens);
        Assert.Equal(result.Usage.TextTokens + 16, result.Usage.PromptTokens);
    }
}
