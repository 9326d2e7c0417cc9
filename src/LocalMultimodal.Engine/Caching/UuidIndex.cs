using LocalMultimodal.Media;
using LocalMultimodal.Scheduling;

namespace LocalMultimodal.Caching;

/// <summary>
/// What each uuid last stood for: the content key of the item sent with it and the shape of its steps
/// (wrapper tokens and chunk sizes, without embeddings), so a uuid-only item can be matched against
/// reused KV even after its encoding left the media cache. A uuid sent with new content is remapped,
/// so it never serves the old content; uuids are per modality, so a video reference never finds an image, and per
/// pixel budget, so an image sent with one budget never answers a reference made with another.
/// Bounded by count; loop thread only.
/// </summary>
internal sealed class UuidIndex(int capacity)
{
    private readonly Dictionary<string, LinkedListNode<(string Uuid, IReadOnlyList<PlanStep> Skeleton)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Uuid, IReadOnlyList<PlanStep> Skeleton)> _recency = new();

    public void Remember(MediaModality modality, string uuid, string? variant, IReadOnlyList<PlanStep> steps)
    {
        string key = Key(modality, uuid, variant);
        if (_entries.Remove(key, out var old))
        {
            _recency.Remove(old);
        }

        IReadOnlyList<PlanStep> skeleton = [.. steps.Select(s => s is EmbeddingStep e ? new UnresolvedMediaStep(uuid, e.Key, e.Tokens, e.Modality, e.Layout) : s)];
        _entries[key] = _recency.AddFirst((key, skeleton));
        if (_entries.Count > capacity && _recency.Last is { } oldest)
        {
            _recency.RemoveLast();
            _entries.Remove(oldest.Value.Uuid);
        }
    }

    public bool TryGet(MediaModality modality, string uuid, string? variant, out IReadOnlyList<PlanStep> skeleton)
    {
        if (_entries.TryGetValue(Key(modality, uuid, variant), out var node))
        {
            _recency.Remove(node);
            _recency.AddFirst(node);
            skeleton = node.Value.Skeleton;
            return true;
        }

        skeleton = [];
        return false;
    }

    // The variant (an image's pixel budget) sets the encoding as much as the content does, so it is part of the key.
    private static string Key(MediaModality modality, string uuid, string? variant) =>
        variant is null ? $"{modality}:{uuid}" : $"{modality}:{uuid}\u0000{variant}";
}
