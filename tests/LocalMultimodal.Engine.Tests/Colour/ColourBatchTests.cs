using LocalMultimodal.Generation;
using LocalMultimodal.Media;
using LocalMultimodal.Prompts;
using LocalMultimodal.Sampling;
using LocalMultimodal.Tests.Engine;
using LocalMultimodal.Tests.Models;

namespace LocalMultimodal.Tests.Colour;

/// <summary>
/// Several sequences in one engine: each answer must come from its own prompt's media only. The model averages
/// over every image in its context, so media leaking between sequences would change the colour.
/// </summary>
[Collection(NativeModelsCollection.Name)]
public sealed class ColourBatchTests(ColourModelsFixture fixture)
{
    [Theory]
    [InlineData("gemma3")]
    [InlineData("mlp")]
    [InlineData("combined")]
    public async Task RawPromptsDecodedTogether_EachNameTheirOwnMedia(string projector)
    {
        MultimodalEngine engine = await fixture.EngineAsync(projector);
        MultimodalPrompt[] prompts =
        [
            ImagePrompt(255, 0, 0),
            ImagePrompt(0, 0, 255),
            new(EngineFactory.ChatPrompt(ColourModelsFixture.Question)),
            ImagePrompt(255, 255, 0),
        ];

        IReadOnlyList<GenerationResult> results = await engine.GenerateBatchAsync(prompts, SamplingOptions.Greedy(5));

        Assert.Equal(["red", "blue", "none", "yellow"], results.Select(r => r.Text));
        Assert.All(results, r => Assert.Equal(FinishReason.Stop, r.FinishReason));
    }

    /// <summary>With two images in one prompt the model answers their average colour: red and blue make purple.</summary>
    [Theory]
    [InlineData("gemma3")]
    [InlineData("mlp")]
    public async Task TwoImagesInOnePrompt_AnswerTheirAverage(string projector)
    {
        MultimodalEngine engine = await fixture.EngineAsync(projector);
        string marker = MultimodalPrompt.MediaMarker;
        var prompt = new MultimodalPrompt(EngineFactory.ChatPrompt($"{marker}{marker}{ColourModelsFixture.Question}"), Solid(255, 0, 0), Solid(0, 0, 255));

        GenerationResult result = await engine.GenerateAsync(prompt, SamplingOptions.Greedy(5)).CollectAsync();

        Assert.Equal("purple", result.Text);
    }

    private static MultimodalPrompt ImagePrompt(byte r, byte g, byte b) =>
        new(EngineFactory.ChatPrompt(MultimodalPrompt.MediaMarker + ColourModelsFixture.Question), Solid(r, g, b));

    private static ImageInput Solid(byte r, byte g, byte b) =>
        ImageInput.FromPixels(64, 64, PixelFormat.Rgb24, ColourImages.Solid(64, 64, r, g, b));
}
