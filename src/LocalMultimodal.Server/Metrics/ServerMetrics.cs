using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using LocalMultimodal.Generation;
using LocalMultimodal.Media;
using LocalMultimodal.Server.Hosting;

namespace LocalMultimodal.Server.Metrics;

/// <summary>
/// The server's counters, written in the Prometheus text format for <c>GET /metrics</c>. Kept by hand rather than
/// through an exporter package: a dozen series do not justify a dependency.
/// </summary>
internal sealed class ServerMetrics
{
    private readonly ConcurrentDictionary<int, long> _requestsByStatus = new();
    private readonly ConcurrentDictionary<MediaModality, long> _mediaItems = new();
    private readonly Histogram _timeToFirstToken = new(
        "localmm_time_to_first_token_seconds", "Time from the request's arrival to its first generated token.",
        [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]);

    private long _promptTokens;
    private long _completionTokens;
    private long _cachedPromptTokens;

    public void CountRequest(int statusCode) => _requestsByStatus.AddOrUpdate(statusCode, 1, (_, n) => n + 1);

    public void CountMedia(MediaModality modality) => _mediaItems.AddOrUpdate(modality, 1, (_, n) => n + 1);

    public void ObserveTimeToFirstToken(TimeSpan elapsed) => _timeToFirstToken.Observe(elapsed.TotalSeconds);

    public void CountUsage(TokenUsage usage)
    {
        Interlocked.Add(ref _promptTokens, usage.PromptTokens);
        Interlocked.Add(ref _completionTokens, usage.CompletionTokens);
        Interlocked.Add(ref _cachedPromptTokens, usage.CachedPromptTokens);
    }

    public string Render(EngineHost host)
    {
        var text = new StringBuilder();
        text.Append("# HELP localmm_requests_total HTTP requests answered, by status code.\n# TYPE localmm_requests_total counter\n");
        foreach (var (status, count) in _requestsByStatus.OrderBy(p => p.Key))
        {
            text.Append(CultureInfo.InvariantCulture, $"localmm_requests_total{{status=\"{status}\"}} {count}\n");
        }

        var engine = host.EngineOrNull;
        Gauge(text, "localmm_queue_depth", "Requests waiting for a sequence.", engine?.QueueDepth ?? 0);
        Gauge(text, "localmm_active_sequences", "Requests decoding now.", engine?.ActiveSequences ?? 0);
        Gauge(text, "localmm_ready", "1 when the model is loaded and the server is not draining.", host.State == EngineState.Ready ? 1 : 0);
        Counter(text, "localmm_prompt_tokens_total", "Prompt tokens processed (text and media).", Interlocked.Read(ref _promptTokens));
        Counter(text, "localmm_completion_tokens_total", "Tokens generated.", Interlocked.Read(ref _completionTokens));
        Counter(text, "localmm_cached_prompt_tokens_total", "Prompt tokens served from a cache.", Interlocked.Read(ref _cachedPromptTokens));
        var caches = engine?.CacheStatistics;
        text.Append("# HELP localmm_cache_hits_total Cache hits: media items whose encoding was reused, requests that reused prefix KV.\n# TYPE localmm_cache_hits_total counter\n");
        text.Append(CultureInfo.InvariantCulture, $"localmm_cache_hits_total{{cache=\"media\"}} {caches?.MediaHits ?? 0}\n");
        text.Append(CultureInfo.InvariantCulture, $"localmm_cache_hits_total{{cache=\"prefix\"}} {caches?.PrefixHits ?? 0}\n");
        text.Append("# HELP localmm_cache_misses_total Cache misses: media items encoded, requests that computed their whole prompt.\n# TYPE localmm_cache_misses_total counter\n");
        text.Append(CultureInfo.InvariantCulture, $"localmm_cache_misses_total{{cache=\"media\"}} {caches?.MediaMisses ?? 0}\n");
        text.Append(CultureInfo.InvariantCulture, $"localmm_cache_misses_total{{cache=\"prefix\"}} {caches?.PrefixMisses ?? 0}\n");
        Gauge(text, "localmm_media_cache_bytes", "Bytes of projector output the media cache holds.", caches?.MediaCacheBytes ?? 0);
        text.Append("# HELP localmm_media_items_total Media items received, by modality.\n# TYPE localmm_media_items_total counter\n");
        foreach (var modality in Enum.GetValues<MediaModality>())
        {
            string name = modality.ToString().ToLowerInvariant();
            text.Append(CultureInfo.InvariantCulture, $"localmm_media_items_total{{modality=\"{name}\"}} {_mediaItems.GetValueOrDefault(modality)}\n");
        }

        _timeToFirstToken.WriteTo(text);
        return text.ToString();
    }

    private static void Gauge(StringBuilder text, string name, string help, long value) =>
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}\n");

    private static void Counter(StringBuilder text, string name, string help, long value) =>
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} counter\n{name} {value}\n");
}
