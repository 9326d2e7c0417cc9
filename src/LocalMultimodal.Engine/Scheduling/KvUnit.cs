namespace LocalMultimodal.Scheduling;

/// <summary>
/// One thing a sequence's KV holds, for prefix matching: a text token (<see cref="MediaKey"/> null), or a
/// whole media chunk named by its key. Media chunks match only whole: part of one is never reused.
/// <see cref="Positions"/> is what it moves the next position by (trimming works in positions);
/// <see cref="Cells"/> the KV cells it fills (its rows), which is more for an M-RoPE image.
/// </summary>
internal readonly record struct KvUnit(int Token, MediaChunkKey? MediaKey, int Positions)
{
    public int Cells { get; init; } = Positions;

    public static KvUnit ForToken(int token) => new(token, null, 1);

    public static KvUnit ForMedia(MediaChunkKey key, int tokens, ChunkPositions layout) => new(-1, key, layout.Count) { Cells = tokens };

    public static IEnumerable<KvUnit> Of(PlanStep step) => step switch
    {
        TokenStep t => t.Tokens.Select(token => ForToken((int)token)),
        EmbeddingStep e => [ForMedia(e.Key, e.Tokens, e.Layout)],
        UnresolvedMediaStep u => [ForMedia(u.Key, u.Tokens, u.Layout)],
        _ => throw new InvalidOperationException("Unknown plan step."),
    };
}
