using LocalMultimodal.Errors;
using LocalMultimodal.Sampling;
using Microsoft.Extensions.AI;

namespace LocalMultimodal.AI.Tests.Integration;

/// <summary>Options that only show their effect on a running model, and the errors a request can meet.</summary>
[Collection(ModelsCollection.Name)]
public sealed class ChatOptionsTests(ModelsFixture fixture) : IDisposable
{
    private readonly IChatClient _client = fixture.Engine.AsIChatClient();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Seed_SameSeedSameAnswer_WhenSampling()
    {
        var options = new ChatOptions { Temperature = 1.5f, Seed = 99, MaxOutputTokens = 12 };

        var first = await _client.GetResponseAsync("Say something.", options);
        var second = await _client.GetResponseAsync("Say something.", options);

        Assert.Equal(first.Text, second.Text);
    }

    [Fact]
    public async Task RawSamplingOptions_ReachTheEngine()
    {
        var options = new ChatOptions { RawRepresentationFactory = _ => SamplingOptions.Greedy(maxTokens: 3) };

        var response = await _client.GetResponseAsync("Hello.", options);

        Assert.Equal(3, response.Usage?.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
    }

    [Fact]
    public async Task ModelId_OfThisModel_IsAccepted_AndEchoed()
    {
        string modelId = fixture.Engine.Capabilities.ModelName;

        var response = await _client.GetResponseAsync("Hi.", new ChatOptions { ModelId = modelId, MaxOutputTokens = 2 });

        Assert.Equal(modelId, response.ModelId);
    }

    [Fact]
    public async Task ModelId_OfAnotherModel_FailsNamingBoth()
    {
        var error = await Assert.ThrowsAsync<InvalidRequestException>(
            () => _client.GetResponseAsync("Hi.", new ChatOptions { ModelId = "gpt-4o", MaxOutputTokens = 2 }));

        Assert.Contains("gpt-4o", error.Message);
        Assert.Contains(fixture.Engine.Capabilities.ModelName, error.Message);
    }

    [Fact]
    public async Task OutOfRangeTemperature_FailsNamingIt()
    {
        var error = await Assert.ThrowsAsync<InvalidRequestException>(
            () => _client.GetResponseAsync("Hi.", new ChatOptions { Temperature = 5 }));

        Assert.Equal("temperature", error.Param);
    }

    [Fact]
    public async Task HostedTools_AreRefusedBeforeTheModelRuns()
    {
        var options = new ChatOptions { Tools = [new HostedCodeInterpreterTool()] };

        await Assert.ThrowsAsync<NotSupportedException>(() => _client.GetResponseAsync("Weather?", options));
        Assert.Equal(0, fixture.Engine.ActiveSequences);
    }
}
