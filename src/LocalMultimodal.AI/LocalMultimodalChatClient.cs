using System.Runtime.CompilerServices;
using LocalMultimodal.AI.Mapping;
using LocalMultimodal.Errors;
using LocalMultimodal.Fetching;
using LocalMultimodal.Hosting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace LocalMultimodal.AI;

/// <summary>
/// An <see cref="IChatClient"/> over a <see cref="MultimodalEngine"/>. Streaming is the one generation path;
/// <see cref="GetResponseAsync"/> aggregates it. Reached through <c>AddLocalMultimodalChatClient</c> or
/// <see cref="MultimodalEngineChatClientExtensions.AsIChatClient"/>.
/// </summary>
internal sealed class LocalMultimodalChatClient : IChatClient
{
    private const string ProviderName = "localmultimodal";

    private readonly EngineLifetime _engine;
    private readonly MediaFetcher _fetcher;
    private readonly ConversationMapper _conversation;
    private readonly ILogger _logger;

    /// <param name="engine">The engine; its owner disposes it, not the client.</param>
    /// <param name="fetcher">Fetches <see cref="UriContent"/>; the client owns and disposes it.</param>
    /// <param name="modelId">The id reported in metadata and responses, and accepted in <see cref="ChatOptions.ModelId"/>.</param>
    /// <param name="logger">Where events go.</param>
    public LocalMultimodalChatClient(EngineLifetime engine, MediaFetcher fetcher, string modelId, ILogger logger)
    {
        _engine = engine;
        _fetcher = fetcher;
        _conversation = new ConversationMapper(new MediaContentMapper(fetcher, logger));
        _logger = logger;
        Metadata = new ChatClientMetadata(ProviderName, providerUri: null, defaultModelId: modelId);
    }

    public ChatClientMetadata Metadata { get; }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var messageList = messages as IReadOnlyCollection<ChatMessage> ?? [.. messages];

        // Options first: a request the engine cannot honour fails before any media is fetched or the model loaded.
        CheckModelId(options?.ModelId);
        var sampling = SamplingOptionsMapper.Map(options, this);
        var template = TemplateOptionsMapper.Map(options);
        var pixelBudget = PixelBudgetMapper.Read(options);
        var turns = await _conversation.MapAsync(messageList, options?.Instructions, pixelBudget, cancellationToken).ConfigureAwait(false);
        var engine = await _engine.GetAsync(cancellationToken).ConfigureAwait(false);

        string responseId = $"chatcmpl-{Guid.NewGuid():N}";
        string messageId = $"msg-{Guid.NewGuid():N}";
        var createdAt = DateTimeOffset.UtcNow;
        Log.ResponseStarted(_logger, responseId, messageList.Count, turns.Sum(t => t.Items.Count(i => i.Media is not null)));

        // Leaving this loop early (cancel, break, dispose) disposes the engine's enumerator, which frees the sequence.
        await foreach (var update in engine.ChatAsync(turns, sampling, template, cancellationToken).ConfigureAwait(false))
        {
            // Updates already buffered by the engine would otherwise still be handed out after a cancel.
            cancellationToken.ThrowIfCancellationRequested();
            var result = new ChatResponseUpdate
            {
                Role = ChatRole.Assistant,
                ResponseId = responseId,
                MessageId = messageId,
                ModelId = Metadata.DefaultModelId,
                CreatedAt = createdAt,
                RawRepresentation = update,
            };
            if (update.Text.Length > 0)
            {
                result.Contents.Add(new TextContent(update.Text));
            }

            foreach (var call in update.ToolCalls ?? [])
            {
                result.Contents.Add(ResponseMapper.ToFunctionCall(call));
            }

            if (update.FinishReason is { } finish)
            {
                result.FinishReason = ResponseMapper.ToFinishReason(finish);
                if (update.Usage is { } usage)
                {
                    result.Contents.Add(new UsageContent(ResponseMapper.ToUsageDetails(usage)));
                    Log.ResponseFinished(_logger, responseId, result.FinishReason.Value.Value, usage.PromptTokens, usage.CompletionTokens);
                }
            }

            yield return result;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            return Metadata;
        }

        // These load the model if no request has yet.
        if (serviceType == typeof(MultimodalEngine))
        {
            return _engine.Get();
        }

        if (serviceType == typeof(EngineCapabilities))
        {
            return _engine.Get().Capabilities;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose() => _fetcher.Dispose();

    private void CheckModelId(string? requested)
    {
        if (requested is not null && !string.Equals(requested, Metadata.DefaultModelId, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidRequestException(
                $"This client serves model '{Metadata.DefaultModelId}'; the request asked for '{requested}'.", "model_not_found") { Param = "model" };
        }
    }
}
