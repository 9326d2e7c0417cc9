using LocalMultimodal.AI.Tests.Colour;
using LocalMultimodal.AI.Tests.Fakes;
using LocalMultimodal.Samples.AgentFramework;
using LocalMultimodal.Samples.SemanticKernel;
using Microsoft.Extensions.AI;

namespace LocalMultimodal.AI.Tests.Samples;

/// <summary>
/// The agent samples' core paths, in-process on the demo model (the samples' default) with their default media, a red
/// image and a 440 Hz tone: the answers are right, and the media reach the engine.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class AgentSampleTests(DemoModelFixture demo)
{
    private static readonly byte[] RedPng = ColourImages.Png(64, 64, ColourImages.Solid(64, 64, 220, 20, 30));
    private static readonly byte[] LowToneWav = Wavs.Tone(440, 16_000, channels: 1);

    [Fact]
    public async Task SemanticKernel_NamesTheColourAndThePitch()
    {
        using var client = new UsageRecordingChatClient(demo.Engine.AsIChatClient());

        var answers = await SemanticKernelSample.RunAsync(client, RedPng, LowToneWav);

        Assert.Equal(["red", "low"], answers);
        var usages = client.Usages.ToArray();
        Assert.Equal(2, usages.Length);
        Assert.True(ImageTokens(usages[0]) > 0);
        Assert.Equal(0, AudioTokens(usages[0]));
        Assert.True(AudioTokens(usages[1]) > 0);
    }

    [Fact]
    public async Task AgentFramework_NamesTheColourAndThePitch_AndRecallsThePitchFromTheSession()
    {
        using var client = new UsageRecordingChatClient(demo.Engine.AsIChatClient());

        var answers = await AgentFrameworkSample.RunAsync(client, RedPng, LowToneWav);

        // Without the session's history the text-only third turn would answer "none".
        Assert.Equal(["red", "low", "low"], answers);
        var usages = client.Usages.ToArray();
        Assert.Equal(3, usages.Length);
        Assert.True(ImageTokens(usages[0]) > 0);
        Assert.True(AudioTokens(usages[1]) > 0);
        Assert.Equal(ImageTokens(usages[0]), ImageTokens(usages[2]));
        Assert.Equal(AudioTokens(usages[1]), AudioTokens(usages[2]));
    }

    [Fact]
    public async Task AgentFramework_HearsAHighTone()
    {
        using var client = demo.Engine.AsIChatClient();

        var answers = await AgentFrameworkSample.RunAsync(client, RedPng, Wavs.Tone(3000, 16_000, channels: 1));

        Assert.Equal(["red", "high", "high"], answers);
    }

    [Fact]
    public async Task SemanticKernel_PluginIsCalledWithTheColourItSees_ThenTheAgentAnswers()
    {
        using var client = demo.Engine.AsIChatClient();

        var (answer, lookups) = await SemanticKernelSample.RunWithPluginAsync(client, RedPng);

        Assert.Equal(["red"], lookups);
        Assert.Equal("red", answer);
    }

    [Fact]
    public async Task AgentFramework_ToolIsCalledWithTheColourItSees_ThenTheAgentAnswers()
    {
        using var client = demo.Engine.AsIChatClient();

        var (answer, lookups) = await AgentFrameworkSample.RunWithToolAsync(client, ColourImages.SolidPng(64, 64, 0, 0, 255));

        Assert.Equal(["blue"], lookups);
        Assert.Equal("blue", answer);
    }

    private static long ImageTokens(UsageDetails usage) => usage.AdditionalCounts?[LocalMultimodalUsageKeys.InputImageTokens] ?? -1;

    private static long AudioTokens(UsageDetails usage) => usage.AdditionalCounts?[LocalMultimodalUsageKeys.InputAudioTokens] ?? -1;
}
