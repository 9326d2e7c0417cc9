using LocalMultimodal.Fetching;
using LocalMultimodal.Hosting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LocalMultimodal.AI;

/// <summary>An <see cref="IChatClient"/> over an engine you loaded yourself, for apps without dependency injection.</summary>
public static class MultimodalEngineChatClientExtensions
{
    /// <summary>Wraps a loaded engine in an <see cref="IChatClient"/>. The engine stays yours: dispose it after the client.</summary>
    /// <param name="engine">The loaded engine.</param>
    /// <param name="fetchOptions">Where <see cref="UriContent"/> may be fetched from; default: <see cref="MediaFetchOptions.FromEnvironment"/>.</param>
    /// <param name="modelId">The model id to report and accept; default: the engine's model name.</param>
    /// <param name="loggerFactory">Where the client logs.</param>
    public static IChatClient AsIChatClient(
        this MultimodalEngine engine, MediaFetchOptions? fetchOptions = null, string? modelId = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<IChatClient>();
        return new LocalMultimodalChatClient(
            new EngineLifetime(engine),
            new MediaFetcher(fetchOptions ?? MediaFetchOptions.FromEnvironment()),
            modelId ?? engine.Capabilities.ModelName,
            logger);
    }
}
