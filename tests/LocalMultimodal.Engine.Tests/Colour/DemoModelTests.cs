using LocalMultimodal.Media;
using LocalMultimodal.Models;
using LocalMultimodal.Tests.Models;

namespace LocalMultimodal.Tests.Colour;

/// <summary>The built-in demo model: the colour LLM with the combined gemma3 + qwen2a projector.</summary>
[Collection(NativeModelsCollection.Name)]
public sealed class DemoModelTests(ColourModelsFixture fixture)
{
    [Fact]
    public async Task DemoPair_NamesImageColourAndHearsAudio()
    {
        using var folder = new TempFolder();
        DemoModelFiles files = DemoModel.EnsureWritten(folder.Path);
        await using MultimodalEngine engine = await MultimodalEngine.LoadAsync(new EngineOptions
        {
            ModelPath = files.Llm,
            ProjectorPath = files.Projector,
            ContextSize = 4096,
            Threads = 2,
            MaxConcurrentSequences = 2,
        });

        Assert.True(engine.Capabilities.SupportsImages);
        Assert.True(engine.Capabilities.SupportsAudio);
        Assert.Equal("orange", await ColourModelsFixture.AskAsync(engine, ImageInput.FromPixels(64, 64, PixelFormat.Rgb24, ColourImages.Solid(64, 64, 240, 130, 20))));
        Assert.Equal("cyan", await ColourModelsFixture.AskAsync(engine, ImageInput.FromPixels(32, 32, PixelFormat.Rgb24, ColourImages.Solid(32, 32, 40, 210, 220))));
        Assert.Equal("high", await ColourModelsFixture.AskAsync(engine, AudioInput.FromSamples(Tones.Sine(3000, 16_000), 16_000), "What do you hear?"));
        Assert.Equal("none", await ColourModelsFixture.AskAsync(engine, media: null));
    }

    [Fact]
    public void DemoFiles_AreTheColourLlmAndCombinedProjector()
    {
        using var folder = new TempFolder();

        DemoModelFiles files = DemoModel.EnsureWritten(folder.Path);

        Assert.Equal(File.ReadAllBytes(fixture.Llm), File.ReadAllBytes(files.Llm));
        Assert.Equal(File.ReadAllBytes(fixture.Projector("combined")), File.ReadAllBytes(files.Projector));
        Assert.Equal(Path.Combine(folder.Path, DemoModel.ProjectorFileName), files.Projector);
    }
}
