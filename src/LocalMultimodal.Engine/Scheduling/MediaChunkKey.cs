namespace LocalMultimodal.Scheduling;

/// <summary>
/// Names one media chunk for the caches: the item it belongs to (<see cref="ItemKey"/>, the media cache's
/// key), which part of the item (a video frame, an audio window), and which chunk of that part.
/// </summary>
internal readonly record struct MediaChunkKey(string ItemKey, int Part, int Chunk)
{
    public override string ToString() => $"{ItemKey}#{Part}#{Chunk}";
}
