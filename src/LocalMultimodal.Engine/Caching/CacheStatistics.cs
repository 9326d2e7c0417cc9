namespace LocalMultimodal.Caching;

/// <summary>How the engine's caches have done since it loaded.</summary>
/// <param name="MediaHits">Media items whose projector output came from the media cache.</param>
/// <param name="MediaMisses">Media items the projector had to encode.</param>
/// <param name="PrefixHits">Requests that started from another sequence's KV.</param>
/// <param name="PrefixMisses">Requests that computed their whole prompt.</param>
/// <param name="PrefixTokensReused">Prompt positions served from reused KV instead of being computed.</param>
/// <param name="MediaCacheBytes">Bytes the media cache holds now.</param>
public sealed record CacheStatistics(
    long MediaHits,
    long MediaMisses,
    long PrefixHits,
    long PrefixMisses,
    long PrefixTokensReused,
    long MediaCacheBytes);
