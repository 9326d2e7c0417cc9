namespace LocalMultimodal.Caching;

/// <summary>Counters written by the inference loop and read from any thread.</summary>
internal sealed class CacheCounters
{
    private long mediaHits;
    private long mediaMisses;
    private long prefixHits;
    private long prefixMisses;
    private long prefixTokensReused;
    private long mediaCacheBytes;

    public void MediaHit() => Interlocked.Increment(ref mediaHits);

    public void MediaMiss() => Interlocked.Increment(ref mediaMisses);

    public void Prefix(int reusedPositions)
    {
        if (reusedPositions > 0)
        {
            Interlocked.Increment(ref prefixHits);
            Interlocked.Add(ref prefixTokensReused, reusedPositions);
        }
        else
        {
            Interlocked.Increment(ref prefixMisses);
        }
    }

    public void SetMediaCacheBytes(long bytes) => Interlocked.Exchange(ref mediaCacheBytes, bytes);

    public CacheStatistics Snapshot() => new(
        Interlocked.Read(ref mediaHits),
        Interlocked.Read(ref mediaMisses),
        Interlocked.Read(ref prefixHits),
        Interlocked.Read(ref prefixMisses),
        Interlocked.Read(ref prefixTokensReused),
        Interlocked.Read(ref mediaCacheBytes));
}
