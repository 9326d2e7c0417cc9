namespace LocalMultimodal.Scheduling;

/// <summary>
/// One thing a sequence's KV holds, for prefix matching: a text token (<see cref="MediaKey"/> null), or a
/// whole media chunk named by its key. Media chunks match only whole: part of one is never reused.
/// </summary>
internal readonly record struct KvUnit(int Token, MediaChunkKey? MediaKey, int Positions)
{
    public static KvUnit ForToken(int token) => new(token, null, 1);

    public static IEnumerable<KvUnit> Of(PlanStep step) => step switch
    {
        TokenStep t => t.Tokens.Select(token => ForToken((int)token)),
        EmbeddingStep e => [new KvUnit(-1, e.Key, e.Tokens)],
        UnresolvedMediaStep u => [new KvUnit(-1, u.Key, u.Tokens)],
        _ => throw new InvalidOperationException("Unknown plan step."),
    };
}
