using LocalMultimodal.Generation;
using LocalMultimodal.Media;
using LocalMultimodal.Prompts;
using LocalMultimodal.Sampling;
using LocalMultimodal.Testing.Conformance;
using LocalMultimodal.Tests.Models;

namespace LocalMultimodal.Tests.Colour;

/// <summary>The shared colour suite through <see cref="MultimodalEngine.ChatAsync"/> on the demo model (the combined projector).</summary>
[Collection(NativeModelsCollection.Name)]
public sealed class EngineColourConformanceTests(ColourModelsFixture fixture) : EngineColourConformance(fixture, "combined");

/// <summary>The shared colour suite on the demo model in the Qwen2.5-VL layout (M-RoPE, dynamic resolution).</summary>
[Collection(NativeModelsCollection.Name)]
public sealed class EngineQwenColourConformanceTests(ColourModelsFixture fixture) : EngineColourConformance(fixture, "qwen")
{
    protected override bool Letterboxes => false;
}

/// <summary>The shared colour suite through <see cref="MultimodalEngine.ChatAsync"/>, on a demo model projector by its test name.</summary>
public abstract class EngineColourConformance(ColourModelsFixture fixture, string projector) : ColourConformanceTests
{
    private string Projector => projector;

    protected override async Task<SurfaceAnswer> AskAsync(string question, params SurfaceMedia[] media) =>
        await AskAsync(await fixture.EngineAsync(Projector), question, media);

    protected override async Task<SurfaceAnswer> AskOverABlackBackgroundAsync(string question, SurfaceMedia media)
    {
        await using MultimodalEngine engine = await fixture.LoadAsync(Projector, o => o.Media.Image.RgbaBackgroundColor = RgbColor.Black);
        return await AskAsync(engine, question, [media]);
    }

    private static async Task<SurfaceAnswer> AskAsync(MultimodalEngine engine, string question, SurfaceMedia[] media)
    {
        ChatTurnItem[] items = [question, .. media.Select(m => ChatTurnItem.FromMedia(Input(m)))];
        GenerationResult result = await engine.ChatAsync([new ChatTurn("user", items)], SamplingOptions.Greedy(4)).CollectAsync();
        Assert.Equal(FinishReason.Stop, result.FinishReason);
        return new SurfaceAnswer(result.Text, result.Usage.PromptTokens, result.Usage.ImageTokens, result.Usage.AudioTokens);
    }

    private static MediaInput Input(SurfaceMedia media) => media.Kind switch
    {
        SurfaceMediaKind.Image => ImageInput.FromEncoded(media.Bytes, media.Uuid),
        SurfaceMediaKind.Audio => AudioInput.FromEncoded(media.Bytes, media.Uuid),
        SurfaceMediaKind.Video => VideoInput.FromEncoded(media.Bytes, media.Uuid),
        SurfaceMediaKind.ImageReference => ImageInput.Reference(media.Uuid!),
        _ => throw new ArgumentOutOfRangeException(nameof(media), media.Kind, "Unknown media kind."),
    };
}
