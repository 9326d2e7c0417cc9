using LocalMultimodal.Fetching;

namespace LocalMultimodal.AI;

/// <summary>
/// Settings of the chat client that <c>services.AddLocalMultimodalChatClient(...)</c> registers. Bindable from
/// configuration and validated at start-up: a missing model file stops the host before the first request.
/// </summary>
public sealed class LocalMultimodalChatClientOptions
{
    /// <summary>The model, the projector and how the engine runs them.</summary>
    public EngineOptions Engine { get; set; } = new();

    /// <summary>
    /// Where <see cref="Microsoft.Extensions.AI.UriContent"/> media may be fetched from. The <c>LOCALMM_*</c> and
    /// <c>VLLM_*</c> fetch environment variables, when set, override the timeouts and the redirect switch.
    /// </summary>
    public MediaFetchOptions Fetch { get; set; } = new();

    /// <summary>
    /// Load the model when the host starts (the default), so the first request does not wait for it and a broken file
    /// stops the start. When false, or when no host runs the hosted services, the model loads on the first request.
    /// Either way it loads once and is shared by every request.
    /// </summary>
    public bool LoadAtStartup { get; set; } = true;

    /// <summary>
    /// The model id the client reports (<c>ChatClientMetadata.DefaultModelId</c>, <c>ChatResponse.ModelId</c>) and
    /// accepts in <c>ChatOptions.ModelId</c>. Default: the model file's name without its extension.
    /// </summary>
    public string? ModelId { get; set; }

    internal string ResolveModelId() =>
        string.IsNullOrWhiteSpace(ModelId) ? Path.GetFileNameWithoutExtension(Engine.ModelPath) : ModelId;
}
