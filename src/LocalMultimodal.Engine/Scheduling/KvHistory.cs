namespace LocalMultimodal.Scheduling;

/// <summary>
/// What a slot's KV cache holds, unit by unit from position 0. It outlives the request that filled it, so
/// the next request with the same beginning (same tokens, same media by key) starts from that KV.
/// </summary>
internal sealed class KvHistory
{
    private readonly List<KvUnit> _units = [];

    /// <summary>How many units the KV holds.</summary>
    public int Count => _units.Count;

    /// <summary>How many positions those units take.</summary>
    public int Positions { get; private set; }

    /// <summary>How many KV cells those units fill (more than <see cref="Positions"/> with M-RoPE images).</summary>
    public int Cells { get; private set; }

    public void Append(KvUnit unit)
    {
        _units.Add(unit);
        Positions += unit.Positions;
        Cells += unit.Cells;
    }

    /// <summary>Forgets everything from <paramref name="unitCount"/> units on.</summary>
    public void Truncate(int unitCount)
    {
        for (int i = _units.Count - 1; i >= unitCount; i--)
        {
            Positions -= _units[i].Positions;
            Cells -= _units[i].Cells;
        }

        _units.RemoveRange(unitCount, _units.Count - unitCount);
    }

    /// <summary>
    /// How many leading units of <paramref name="prompt"/> this KV holds, at most <paramref name="maxPositions"/>
    /// positions' worth (a request must compute at least its last position to get logits).
    /// </summary>
    public (int Units, int Positions) CommonPrefix(IReadOnlyList<KvUnit> prompt, int maxPositions)
    {
        int count = 0;
        int positions = 0;
        while (count < _units.Count && count < prompt.Count && _units[count] == prompt[count]
               && positions + prompt[count].Positions <= maxPositions)
        {
            positions += prompt[count].Positions;
            count++;
        }

        return (count, positions);
    }
}
