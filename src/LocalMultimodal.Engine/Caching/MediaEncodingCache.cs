using LocalMultimodal.Scheduling;

namespace LocalMultimodal.Caching;

/// <summary>
/// The projector's output per media item (its wrapper tokens and embedding chunks), keyed by the item's
/// content key, least recently used first out once the byte budget is exceeded. Loop thread only.
/// </summary>
internal sealed class MediaEncodingCache(long capacityBytes, CacheCounters counters)
{
    private readonly Dictionary<string, LinkedListNode<(string Key, IReadOnlyList<PlanStep> Steps, long Bytes)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, IReadOnlyList<PlanStep> Steps, long Bytes)> _recency = new();
    private long _bytes;

    public bool Enabled => capacityBytes > 0;

    public long Bytes => _bytes;

    public bool TryGet(string key, out IReadOnlyList<PlanStep> steps)
    {
        if (_entries.TryGetValue(key, out var node))
        {
            _recency.Remove(node);
            _recency.AddFirst(node);
            steps = node.Value.Steps;
            return true;
        }

        steps = [];
        return false;
    }

    public void Add(string key, IReadOnlyList<PlanStep> steps)
    {
        long size = steps.Sum(SizeOf);
        if (!Enabled || size > capacityBytes || _entries.ContainsKey(key))
        {
            return;
        }

        _entries[key] = _recency.AddFirst((key, steps, size));
        _bytes += size;
        while (_bytes > capacityBytes && _recency.Last is { } oldest)
        {
            _recency.RemoveLast();
            _entries.Remove(oldest.Value.Key);
            _bytes -= oldest.Value.Bytes;
        }

        counters.SetMediaCacheBytes(_bytes);
    }

    private static long SizeOf(PlanStep step) => step switch
    {
        EmbeddingStep e => e.Embeddings.LongLength * sizeof(float),
        TokenStep t => t.Tokens.LongLength * sizeof(int),
        _ => 0,
    };
}
