using LocalMultimodal.AI.Tests.Fakes;
using LocalMultimodal.Samples.AgentFramework;
using LocalMultimodal.Samples.SemanticKernel;
using Microsoft.Extensions.AI;

namespace LocalMultimodal.AI.Tests.Samples;

/// <summary>The agent samples' core paths, in-process on the generated model: they answer, and the media reach the engine.</summary>
[Collection(ModelsCollection.Name)]
public sealed class AgentSampleTests(ModelsFixture fixture)
{
    [Fact]
    public async Task SemanticKernel_AnswersAboutTheImageAndTheAudio()
    {
        using var client = new UsageRecordingChatClient(fixture.Engine.AsIChatClient());

        var answers = await SemanticKernelSample.RunAsync(client, TestMedia.Png(), TestMedia.Wav());

        Assert.Equal(2, answers.Count);
        Assert.All(answers, a => Assert.False(string.IsNullOrWhiteSpace(a)));
        var usages = client.Usages.ToArray();
        Assert.Equal(2, usages.Length);
        Assert.True(ImageTokens(usages[0]) > 0);
        Assert.Equal(0, AudioTokens(usages[0]));
        Assert.True(AudioTokens(usages[1]) > 0);
        Assert.True(usages[0].OutputTokenCount <= 24, "max_tokens from the execution settings reached the engine");
    }

    [Fact]
    public async Task AgentFramework_AnswersAboutTheImageAndTheAudio_InOneSession()
    {
        using var client = new UsageRecordingChatClient(fixture.Engine.AsIChatClient());

        var answers = await AgentFrameworkSample.RunAsync(client, TestMedia.Png(), TestMedia.Wav());

        Assert.Equal(3, answers.Count);
        Assert.All(answers, a => Assert.False(string.IsNullOrWhiteSpace(a)));
        var usages = client.Usages.ToArray();
        Assert.Equal(3, usages.Length);
        Assert.True(ImageTokens(usages[0]) > 0);
        Assert.True(AudioTokens(usages[1]) > 0);

        // The third turn is text only, yet the session's history still carries the image and the audio.
        Assert.Equal(ImageTokens(usages[0]), ImageTokens(usages[2]));
        Assert.Equal(AudioTokens(usages[1]), AudioTokens(usages[2]));
    }

    private static long ImageTokens(UsageDetails usage) => usage.AdditionalCounts?[LocalMultimodalUsageKeys.InputImageTokens] ?? -1;

    private static long AudioTokens(UsageDetails usage) => usage.AdditionalCounts?[LocalMultimodalUsageKeys.InputAudioTokens] ?? -1;
}
