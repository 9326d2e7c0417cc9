using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace LocalMultimodal.AI.Tests.Fakes;

/// <summary>Passes requests through and keeps the usage of every answer, streamed or not, in call order.</summary>
internal sealed class UsageRecordingChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    public ConcurrentQueue<UsageDetails> Usages { get; } = new();

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = await base.GetResponseAsync(messages, options, cancellationToken);
        Usages.Enqueue(response.Usage ?? new UsageDetails());
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            foreach (var usage in update.Contents.OfType<UsageContent>())
            {
                Usages.Enqueue(usage.Details);
            }

            yield return update;
        }
    }
}
