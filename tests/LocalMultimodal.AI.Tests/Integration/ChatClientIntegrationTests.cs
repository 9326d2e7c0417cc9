using Microsoft.Extensions.AI;

namespace LocalMultimodal.AI.Tests.Integration;

/// <summary>
/// Behaviours every <see cref="IChatClient"/> should have, written against the interface only, in the manner of
/// Microsoft.Extensions.AI's shared integration suite. A provider runs them by deriving and creating its client.
/// The client must support greedy decoding (Temperature 0), so outputs can be compared.
/// </summary>
public abstract class ChatClientIntegrationTests : IDisposable
{
    private readonly Lazy<IChatClient> _client;

    protected ChatClientIntegrationTests() => _client = new(CreateChatClient);

    protected IChatClient Client => _client.Value;

    public void Dispose()
    {
        if (_client.IsValueCreated)
        {
            _client.Value.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    protected abstract IChatClient CreateChatClient();

    protected static ChatOptions Greedy(int maxTokens) => new() { Temperature = 0, MaxOutputTokens = maxTokens };

    [Fact]
    public async Task GetResponseAsync_SingleMessage_ReturnsAssistantText()
    {
        var response = await Client.GetResponseAsync("What is 1 + 1?", Greedy(8));

        var message = Assert.Single(response.Messages);
        Assert.Equal(ChatRole.Assistant, message.Role);
        Assert.NotEmpty(response.Text);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_EqualsGetResponseAsync_WithGreedySampling()
    {
        var whole = await Client.GetResponseAsync("Tell me a story.", Greedy(16));
        var streamed = await Client.GetStreamingResponseAsync("Tell me a story.", Greedy(16)).ToChatResponseAsync();

        Assert.Equal(whole.Text, streamed.Text);
        Assert.Equal(whole.FinishReason, streamed.FinishReason);
        Assert.Equal(whole.Usage?.OutputTokenCount, streamed.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_UpdatesShareIds_AndTheLastCarriesFinishReasonAndUsage()
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in Client.GetStreamingResponseAsync("Count to five.", Greedy(6)))
        {
            updates.Add(update);
        }

        Assert.True(updates.Count > 1);
        Assert.Single(updates.Select(u => u.ResponseId).Distinct());
        Assert.Single(updates.Select(u => u.MessageId).Distinct());
        Assert.False(string.IsNullOrEmpty(updates[0].ResponseId));
        Assert.All(updates.SkipLast(1), u => Assert.Null(u.FinishReason));
        Assert.NotNull(updates[^1].FinishReason);
        Assert.Single(updates.SelectMany(u => u.Contents).OfType<UsageContent>());
        Assert.IsType<UsageContent>(updates[^1].Contents[^1]);
    }

    [Fact]
    public async Task GetResponseAsync_ReportsUsage()
    {
        var response = await Client.GetResponseAsync("Hello there.", Greedy(5));

        Assert.NotNull(response.Usage);
        Assert.True(response.Usage.InputTokenCount > 0);
        Assert.Equal(5, response.Usage.OutputTokenCount);
        Assert.Equal(response.Usage.InputTokenCount + response.Usage.OutputTokenCount, response.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task GetResponseAsync_MaxOutputTokens_FinishesWithLength()
    {
        var response = await Client.GetResponseAsync("Write a long essay.", Greedy(3));

        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal(3, response.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task GetResponseAsync_StopSequence_EndsTheAnswerBeforeIt()
    {
        // The stop text is taken from the greedy answer itself, so the model is sure to produce it.
        var free = await Client.GetResponseAsync("Describe the sea.", Greedy(24));
        string stop = free.Text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).First(w => w.Length >= 2);
        int at = free.Text.IndexOf(stop, StringComparison.Ordinal);

        var options = Greedy(24);
        options.StopSequences = [stop];
        var stopped = await Client.GetResponseAsync("Describe the sea.", options);

        Assert.Equal(ChatFinishReason.Stop, stopped.FinishReason);
        Assert.Equal(free.Text[..at], stopped.Text);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Cancelled_ThrowsAndTheClientKeepsWorking()
    {
        using var cancellation = new CancellationTokenSource();
        int seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in Client.GetStreamingResponseAsync("Go on forever.", Greedy(2000), cancellation.Token))
            {
                if (++seen == 2)
                {
                    await cancellation.CancelAsync();
                }
            }
        });

        Assert.Equal(2, seen);
        var after = await Client.GetResponseAsync("Still there?", Greedy(4));
        Assert.NotEmpty(after.Text);
    }

    [Fact]
    public async Task GetResponseAsync_AlreadyCancelledToken_Throws()
    {
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Client.GetResponseAsync("Hello.", Greedy(4), new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task GetResponseAsync_MultiTurn_SendsTheWholeHistory()
    {
        List<ChatMessage> history = [new(ChatRole.User, "My name is Ada.")];
        var first = await Client.GetResponseAsync(history, Greedy(6));
        history.AddMessages(first);
        history.Add(new(ChatRole.User, "What is my name?"));

        var second = await Client.GetResponseAsync(history, Greedy(6));
        var alone = await Client.GetResponseAsync("What is my name?", Greedy(6));

        Assert.Equal(3, history.Count);
        Assert.NotEmpty(second.Text);
        Assert.True(second.Usage?.InputTokenCount > alone.Usage?.InputTokenCount + first.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task GetResponseAsync_Instructions_ReachThePrompt()
    {
        var plain = await Client.GetResponseAsync("Hi.", Greedy(2));
        var instructed = await Client.GetResponseAsync("Hi.", new ChatOptions { Temperature = 0, MaxOutputTokens = 2, Instructions = "Answer like a pirate." });

        Assert.True(instructed.Usage?.InputTokenCount > plain.Usage?.InputTokenCount);
    }

    [Fact]
    public void GetService_ReturnsMetadataWithModelId()
    {
        var metadata = Client.GetService<ChatClientMetadata>();

        Assert.NotNull(metadata);
        Assert.False(string.IsNullOrEmpty(metadata.DefaultModelId));
        Assert.Null(Client.GetService<ChatClientMetadata>("some key"));
    }
}
