using System.Diagnostics;
using System.Diagnostics.Metrics;
using LocalMultimodal.Generation;
using LocalMultimodal.Media;
using LocalMultimodal.Server.Hosting;

namespace LocalMultimodal.Server.Metrics;

/// <summary>
/// The server's instruments on <see cref="System.Diagnostics.Metrics"/>, named after OpenTelemetry's GenAI semantic
/// conventions where they have a name (<c>gen_ai.server.*</c>, <c>gen_ai.client.token.usage</c>), ours
/// (<c>localmm.*</c>) otherwise. OpenTelemetry exports them: Prometheus at <c>/metrics</c>, OTLP when configured.
/// Also the server's <see cref="ActivitySource"/>: one span per request, with the fetch and engine stages under it.
/// </summary>
internal sealed class ServerMetrics
{
    public const string MeterName = "LocalMultimodal.Server";

    // GenAI's advised buckets for durations in seconds.
    private static readonly double[] DurationBuckets = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];
    private static readonly double[] PerTokenBuckets = [0.001, 0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5];
    private static readonly long[] TokenBuckets = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304];

    private readonly Counter<long> _requests;
    private readonly Counter<long> _mediaItems;
    private readonly Histogram<double> _timeToFirstToken;
    private readonly Histogram<double> _timePerOutputToken;
    private readonly Histogram<double> _requestDuration;
    private readonly Histogram<long> _tokenUsage;
    private readonly Counter<long> _cachedPromptTokens;

    public ServerMetrics(IMeterFactory meterFactory, EngineHost host)
    {
        var meter = meterFactory.Create(MeterName, typeof(ServerMetrics).Assembly.GetName().Version?.ToString());
        _requests = meter.CreateCounter<long>("localmm.requests", "{request}", "HTTP requests answered, by status code.");
        _mediaItems = meter.CreateCounter<long>("localmm.media.items", "{item}", "Media items received, by modality.");
        _timeToFirstToken = meter.CreateHistogram(
            "gen_ai.server.time_to_first_token", "s", "Time from the request's arrival to its first generated token.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _timePerOutputToken = meter.CreateHistogram(
            "gen_ai.server.time_per_output_token", "s", "Time per generated token after the first.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = PerTokenBuckets });
        _requestDuration = meter.CreateHistogram(
            "gen_ai.server.request.duration", "s", "Time from the request's arrival to its last token.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _tokenUsage = meter.CreateHistogram(
            "gen_ai.client.token.usage", "{token}", "Tokens per request, by gen_ai.token.type (input or output).",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = TokenBuckets });
        foreach (var modality in Enum.GetValues<MediaModality>())
        {
            // Every modality has a series from the start, so a scrape shows 0 rather than nothing.
            CountMedia(modality, 0);
        }

        _cachedPromptTokens = meter.CreateCounter<long>("localmm.prompt_tokens.cached", "{token}", "Prompt tokens served from a cache.");
        meter.CreateObservableGauge("localmm.queue.depth", () => (long)(host.EngineOrNull?.QueueDepth ?? 0), "{request}", "Requests waiting for a sequence.");
        meter.CreateObservableGauge("localmm.active_sequences", () => (long)(host.EngineOrNull?.ActiveSequences ?? 0), "{sequence}", "Requests decoding now.");
        meter.CreateObservableGauge("localmm.ready", () => host.State == EngineState.Ready ? 1 : 0, null, "1 when the model is loaded and the server is not draining.");
        meter.CreateObservableGauge("localmm.media_cache.size", () => host.EngineOrNull?.CacheStatistics.MediaCacheBytes ?? 0, "By", "Bytes of projector output the media cache holds.");
        meter.CreateObservableCounter("localmm.cache.hits", () => CacheCounts(host, hits: true), "{hit}", "Media items whose encoding was reused; requests that reused prefix KV.");
        meter.CreateObservableCounter("localmm.cache.misses", () => CacheCounts(host, hits: false), "{miss}", "Media items encoded; requests that computed their whole prompt.");
    }

    /// <summary>The server's trace source: a span per request; the engine's stages are children (see <see cref="EngineTelemetry"/>).</summary>
    public static ActivitySource Source { get; } = new(MeterName, typeof(ServerMetrics).Assembly.GetName().Version?.ToString());

    public void CountRequest(int statusCode) => _requests.Add(1, new KeyValuePair<string, object?>("http.response.status_code", statusCode));

    public void CountMedia(MediaModality modality, long count = 1) => _mediaItems.Add(count, new KeyValuePair<string, object?>("modality", modality.ToString().ToLowerInvariant()));

    public void ObserveTimeToFirstToken(TimeSpan elapsed, string model) =>
        _timeToFirstToken.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("gen_ai.request.model", model));

    /// <summary>Records a finished request: its duration, time per output token, and token usage.</summary>
    public void CountUsage(TokenUsage usage, TimeSpan elapsed, TimeSpan timeToFirstToken, string model)
    {
        var modelTag = new KeyValuePair<string, object?>("gen_ai.request.model", model);
        _requestDuration.Record(elapsed.TotalSeconds, modelTag);
        if (usage.CompletionTokens > 1)
        {
            _timePerOutputToken.Record((elapsed - timeToFirstToken).TotalSeconds / (usage.CompletionTokens - 1), modelTag);
        }

        _tokenUsage.Record(usage.PromptTokens, modelTag, new KeyValuePair<string, object?>("gen_ai.token.type", "input"));
        _tokenUsage.Record(usage.CompletionTokens, modelTag, new KeyValuePair<string, object?>("gen_ai.token.type", "output"));
        _cachedPromptTokens.Add(usage.CachedPromptTokens, modelTag);
    }

    private static IEnumerable<Measurement<long>> CacheCounts(EngineHost host, bool hits)
    {
        var caches = host.EngineOrNull?.CacheStatistics;
        return
        [
            new Measurement<long>((hits ? caches?.MediaHits : caches?.MediaMisses) ?? 0, new KeyValuePair<string, object?>("cache", "media")),
            new Measurement<long>((hits ? caches?.PrefixHits : caches?.PrefixMisses) ?? 0, new KeyValuePair<string, object?>("cache", "prefix")),
        ];
    }
}
