namespace LocalMultimodal.Hub;

/// <summary>
/// Where models come from and where they are kept. Every setting left null is read from the standard
/// Hugging Face environment variables (<c>HF_ENDPOINT</c>, <c>HF_TOKEN</c>, <c>HF_HUB_CACHE</c> / <c>HF_HOME</c>,
/// <c>HF_HUB_OFFLINE</c>), so files are shared with other tools.
/// </summary>
public sealed class HubOptions
{
    /// <summary>The hub's address; null reads <c>HF_ENDPOINT</c>, else <c>https://huggingface.co</c>.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Bearer token for gated and private repositories; null reads <c>HF_TOKEN</c>, else <c>$HF_HOME/token</c>. Never logged.</summary>
    public string? Token { get; set; }

    /// <summary>The cache folder; null reads <c>HF_HUB_CACHE</c>, else <c>$HF_HOME/hub</c>, else <c>~/.cache/huggingface/hub</c>.</summary>
    public string? CacheDirectory { get; set; }

    /// <summary>Use the cache only, never the network; null reads <c>HF_HUB_OFFLINE</c> (1 or true).</summary>
    public bool? Offline { get; set; }

    /// <summary>The branch, tag or commit to take files from.</summary>
    public string Revision { get; set; } = "main";

    /// <summary>Tries after the first for a download or listing that failed with a 5xx, a timeout or a dropped connection.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>The wait before the first retry; it doubles with each retry.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the hub may stay silent (no headers, no bytes) before the attempt counts as timed out.</summary>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Redirect hops followed for one download (the hub sends files from a content host).</summary>
    public int MaxRedirects { get; set; } = 5;
}
