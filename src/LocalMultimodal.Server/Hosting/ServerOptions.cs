using LocalMultimodal.Fetching;
using LocalMultimodal.Media;

namespace LocalMultimodal.Server.Hosting;

/// <summary>Everything the server is started with: the command-line flags, resolved.</summary>
internal sealed class ServerOptions
{
    /// <summary>How long in-flight requests may run after SIGTERM before they are aborted.</summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The LLM: a GGUF file or a hub model (<c>owner/repo[:quant]</c>); null means the built-in generated model.</summary>
    public string? ModelPath { get; set; }

    /// <summary><c>--offline</c>: hub models come from the cache only (as <c>HF_HUB_OFFLINE=1</c>).</summary>
    public bool Offline { get; set; }

    /// <summary>Not a flag: where the hub's environment variables (<c>HF_ENDPOINT</c>, <c>HF_TOKEN</c>, ...) are read.</summary>
    public Func<string, string?> GetVariable { get; set; } = Environment.GetEnvironmentVariable;

    /// <summary>The projector GGUF; null with a null <see cref="ModelPath"/> means the built-in projector.</summary>
    public string? ProjectorPath { get; set; }

    /// <summary>Names clients may use in <c>model</c>; the first is reported. Empty: the model's own name.</summary>
    public IList<string> ServedModelNames { get; set; } = [];

    public string Host { get; set; } = "127.0.0.1";

    /// <summary>0 picks a free port (tests).</summary>
    public int Port { get; set; } = 8000;

    public string? ApiKey { get; set; }

    public bool EnableMediaEmbeds { get; set; }

    /// <summary>Kestrel's request body limit.</summary>
    public long MaxRequestBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Where media come from: domains, local path, private addresses, timeouts and redirects.</summary>
    public MediaFetchOptions Fetch { get; set; } = new();

    public int ContextSize { get; set; } = 4096;

    public int Parallel { get; set; } = 4;

    /// <summary><c>--image-min-tokens</c>; 0: the projector's own minimum.</summary>
    public int ImageMinTokens { get; set; }

    /// <summary><c>--image-max-tokens</c>; 0: the projector's own maximum.</summary>
    public int ImageMaxTokens { get; set; }

    public int GpuLayers { get; set; }

    public string? ChatTemplate { get; set; }

    /// <summary><c>--default-chat-template-kwargs</c>: template variables for every request, under its own.</summary>
    public System.Text.Json.Nodes.JsonObject DefaultChatTemplateKwargs { get; set; } = [];

    public IDictionary<MediaModality, int> LimitPerPrompt { get; set; } = new Dictionary<MediaModality, int>();

    /// <summary><c>--media-io-kwargs</c>, parsed.</summary>
    public MediaIoKwargs MediaIo { get; set; } = new();

    /// <summary><c>--max-queued-requests</c>: the engine's queue length, before requests are refused with 429.</summary>
    public int MaxQueuedRequests { get; set; } = 64;

    /// <summary><c>--max-num-batched-tokens</c>: prompt positions decoded per step across all sequences.</summary>
    public int MaxNumBatchedTokens { get; set; } = 512;

    /// <summary>Off with <c>--no-enable-prefix-caching</c>.</summary>
    public bool EnablePrefixCaching { get; set; } = true;

    /// <summary><c>--mm-processor-cache-gb</c>: GiB of projector output kept for repeated media; 0 disables the media cache.</summary>
    public double MediaCacheGiB { get; set; } = 0.25;

    /// <summary>The chat page at <c>/</c>; off with <c>--no-webui</c>.</summary>
    public bool WebUi { get; set; } = true;

    /// <summary>Not a flag: CPU threads; null lets the engine choose.</summary>
    public int? Threads { get; set; }
}
