using Microsoft.Extensions.AI;

namespace LocalMultimodal.AI.Tests.Integration;

/// <summary>The shared suite against our client on the generated model, plus what only an engine-backed client can show.</summary>
[Collection(ModelsCollection.Name)]
public sealed class LocalMultimodalChatClientIntegrationTests(ModelsFixture fixture) : ChatClientIntegrationTests
{
    protected override IChatClient CreateChatClient() => fixture.Engine.AsIChatClient();

    [Fact]
    public async Task Cancellation_FreesTheEngineSequence()
    {
        using var cancellation = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in Client.GetStreamingResponseAsync("Go on forever.", Greedy(2000), cancellation.Token))
            {
                Assert.Equal(1, fixture.Engine.ActiveSequences);
                await cancellation.CancelAsync();
            }
        });

        await WaitUntilAsync(() => fixture.Engine.ActiveSequences == 0);
        Assert.Equal(0, fixture.Engine.ActiveSequences);
    }

    [Fact]
    public async Task AbandonedStream_FreesTheEngineSequence()
    {
        await foreach (var update in Client.GetStreamingResponseAsync("Go on forever.", Greedy(2000)))
        {
            break;
        }

        await WaitUntilAsync(() => fixture.Engine.ActiveSequences == 0);
        Assert.Equal(0, fixture.Engine.ActiveSequences);
    }

    [Fact]
    public void GetService_ExposesTheEngineAndItsCapabilities()
    {
        Assert.Same(fixture.Engine, Client.GetService<MultimodalEngine>());
        var capabilities = Client.GetService<EngineCapabilities>();
        Assert.NotNull(capabilities);
        Assert.True(capabilities.SupportsImages);
        Assert.True(capabilities.SupportsAudio);
        Assert.Equal(4096, capabilities.ContextSize);
        Assert.Equal(fixture.Engine.Capabilities.ModelName, Client.GetService<ChatClientMetadata>()?.DefaultModelId);
        Assert.Same(Client, Client.GetService<IChatClient>());
    }

    [Fact]
    public async Task Updates_CarryTheEngineUpdateAsRawRepresentation()
    {
        var last = await Client.GetStreamingResponseAsync("Hi.", Greedy(2)).LastAsync();

        var raw = Assert.IsType<Generation.GenerationUpdate>(last.RawRepresentation);
        Assert.Equal(Generation.FinishReason.Length, raw.FinishReason);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (int i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }
    }
}
