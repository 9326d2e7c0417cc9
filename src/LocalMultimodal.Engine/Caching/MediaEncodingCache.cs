using LocalMultimodal.Scheduling;

namespace LocalMultimodal.Caching;

/// <summary>
/// The projector's output per media item (its wrapper tokens and embedding chunks), keyed by the item's
/// content key, least recently used first out once the byte budget is exceeded. Loop thread only.
/// </summary>
internal sealed class MediaEncodingCache(long capacityBytes, CacheCounters counters)
{
    private readonly Dictionary<string, LinkedListNode<(string Key, IReadOnlyList<PlanStep> Steps, long Bytes)>> entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, IReadOnlyList<PlanStep> Steps, long Bytes)> recency = new();
    private long bytes;

    public bool Enabled => capacityBytes > 0;

    public long Bytes => bytes;

    public bool TryGet(string key, out IReadOnlyList<PlanStep> steps)
    {
        if (entries.TryGetValue(key, out var node))
        {
            recency.Remove(node);
            recency.AddFirst(node);
            steps = node.Value.Steps;
            return true;
        }

        steps = [];
        return false;
    }

    public void Add(string key, IReadOnlyList<PlanStep> steps)
    {
        long size = steps.Sum(SizeOf);
        if (!Enabled || size > capacityBytes || entries.ContainsKey(key))
        {
            return;
        }

        entries[key] = recency.AddFirst((key, steps, size));
        bytes += size;
        while (bytes > capacityBytes && recency.Last is { } oldest)
        {
            recency.RemoveLast();
            entries.Remove(oldest.Value.Key);
            bytes -= oldest.Value.Bytes;
        }

        counters.SetMediaCacheBytes(bytes);
    }

    private static long SizeOf(PlanStep step) => step switch
    {
        EmbeddingStep e => e.Embeddings.LongLength * sizeof(float),
        TokenStep t => t.Tokens.LongLength * sizeof(int),
        _ => 0,
    };
}
