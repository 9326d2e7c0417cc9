namespace LocalMultimodal.Caching;

/// <summary>Counters written by the inference loop and read from any thread.</summary>
internal sealed class CacheCounters
{
    private long _mediaHits;
    private long _mediaMisses;
    private long _prefixHits;
    private long _prefixMisses;
    private long _prefixTokensReused;
    private long _mediaCacheBytes;

    public void MediaHit() => Interlocked.Increment(ref _mediaHits);

    public void MediaMiss() => Interlocked.Increment(ref _mediaMisses);

    public void Prefix(int reusedPositions)
    {
        if (reusedPositions > 0)
        {
            Interlocked.Increment(ref _prefixHits);
            Interlocked.Add(ref _prefixTokensReused, reusedPositions);
        }
        else
        {
            Interlocked.Increment(ref _prefixMisses);
        }
    }

    public void SetMediaCacheBytes(long bytes) => Interlocked.Exchange(ref _mediaCacheBytes, bytes);

    public CacheStatistics Snapshot() => new(
        Interlocked.Read(ref _mediaHits),
        Interlocked.Read(ref _mediaMisses),
        Interlocked.Read(ref _prefixHits),
        Interlocked.Read(ref _prefixMisses),
        Interlocked.Read(ref _prefixTokensReused),
        Interlocked.Read(ref _mediaCacheBytes));
}
