using LocalMultimodal.Samples.TypedOutput;

namespace LocalMultimodal.AI.Tests.Samples;

/// <summary>The typed-output sample's core path, in-process on the demo model with its default red image.</summary>
[Collection(ModelsCollection.Name)]
public sealed class TypedOutputSampleTests(DemoModelFixture demo)
{
    [Theory]
    [InlineData(220, 20, 30, ColourName.Red)]
    [InlineData(20, 40, 200, ColourName.Blue)]
    public async Task TypedOutput_ReturnsTheColourAsARecord(byte r, byte g, byte b, ColourName expected)
    {
        using var client = demo.Engine.AsIChatClient();

        var report = await TypedOutputSample.RunAsync(client, ColourImages.Png(64, 64, ColourImages.Solid(64, 64, r, g, b)));

        Assert.Equal(new ColourReport(expected), report);
    }
}
