namespace LocalMultimodal.Scheduling;

/// <summary>
/// The slots: which sequence runs in each, and what each one's KV holds (<see cref="KvHistory"/>), which
/// outlives the sequence so a later prompt with the same beginning reuses it. The only caller of the KV
/// memory operations: choosing a slot for a new prompt (longest prefix any slot holds, copying a running
/// sequence's KV when that is where it is, else the least recently used free slot) and trimming.
/// Generic over the sequence so the choices are tested without a model. Loop thread only.
/// </summary>
internal sealed class SlotTable<TSequence>
    where TSequence : class
{
    private readonly Slot[] _slots;
    private readonly IKvMemory _memory;
    private readonly bool _prefixCaching;
    private long _clock;

    public SlotTable(int capacity, IKvMemory memory, bool prefixCaching)
    {
        _slots = [.. Enumerable.Range(0, capacity).Select(_ => new Slot())];
        _memory = memory;
        _prefixCaching = prefixCaching;
    }

    /// <summary>The running sequences, in slot order.</summary>
    public IEnumerable<TSequence> Running => _slots.Select(s => s.Sequence).OfType<TSequence>();

    public int RunningCount => _slots.Count(s => s.Sequence is not null);

    public bool HasFreeSlot => _slots.Any(s => s.Sequence is null);

    public TSequence this[int slot] => _slots[slot].Sequence ?? throw new InvalidOperationException($"Slot {slot} runs no sequence.");

    /// <summary>What <paramref name="slot"/>'s KV holds.</summary>
    public KvHistory History(int slot) => _slots[slot].History;

    /// <summary>
    /// Picks a free slot for a prompt and gives it the longest KV prefix any slot holds for it, at most
    /// <paramref name="maxPositions"/> positions: a free slot's retained KV is trimmed in place; a running
    /// sequence's KV is copied over, then trimmed. Nothing is occupied until <see cref="Occupy"/>.
    /// </summary>
    public SlotPlacement Place(IReadOnlyList<KvUnit> prompt, int maxPositions)
    {
        int best = -1;
        (int Units, int Positions) match = (0, 0);
        if (_prefixCaching)
        {
            for (int i = 0; i < _slots.Length; i++)
            {
                var candidate = _slots[i].History.CommonPrefix(prompt, maxPositions);
                bool longer = candidate.Positions > match.Positions;
                bool sameButFree = candidate.Positions == match.Positions && best >= 0 && _slots[i].IsFree && !_slots[best].IsFree;
                if (longer || sameButFree)
                {
                    (best, match) = (i, candidate);
                }
            }
        }

        int slot = best >= 0 && _slots[best].IsFree ? best : LeastRecentlyUsedFreeSlot();
        var history = _slots[slot].History;
        if (best >= 0 && best != slot)
        {
            _memory.Copy(best, slot);
            history.Truncate(0);
            foreach (var unit in prompt.Take(match.Units))
            {
                history.Append(unit);
            }
        }

        // Without a match, (0, 0) clears the slot.
        _memory.Trim(slot, match.Positions);
        history.Truncate(match.Units);
        _slots[slot].LastUsed = ++_clock;
        return new SlotPlacement(slot, match.Units, match.Positions);
    }

    public void Occupy(int slot, TSequence sequence)
    {
        if (!_slots[slot].IsFree)
        {
            throw new InvalidOperationException($"Slot {slot} is taken.");
        }

        _slots[slot].Sequence = sequence;
    }

    /// <summary>Notes a unit decoded into <paramref name="slot"/>'s KV.</summary>
    public void Record(int slot, KvUnit unit)
    {
        _slots[slot].History.Append(unit);
        _slots[slot].LastUsed = ++_clock;
    }

    /// <summary>
    /// Frees a slot and keeps its KV for reuse when prefix caching is on and the KV ends on a whole unit
    /// (<paramref name="decodedCells"/>, the cells the sequence filled, match its history): a media chunk
    /// decoded only in part is not reusable. Cells, not positions: the rows of a part-decoded M-RoPE image
    /// do not move the position until the whole chunk is in. Otherwise the KV is cleared.
    /// </summary>
    public void Retain(int slot, int decodedCells)
    {
        _slots[slot].Sequence = null;
        if (!_prefixCaching || _slots[slot].History.Cells != decodedCells)
        {
            Clear(slot);
        }
    }

    /// <summary>Frees a slot and clears its KV.</summary>
    public void Release(int slot)
    {
        _slots[slot].Sequence = null;
        Clear(slot);
    }

    private void Clear(int slot)
    {
        _memory.Trim(slot, 0);
        _slots[slot].History.Truncate(0);
        _slots[slot].LastUsed = ++_clock;
    }

    private int LeastRecentlyUsedFreeSlot()
    {
        int chosen = -1;
        for (int i = 0; i < _slots.Length; i++)
        {
            if (_slots[i].IsFree && (chosen < 0 || _slots[i].LastUsed < _slots[chosen].LastUsed))
            {
                chosen = i;
            }
        }

        return chosen >= 0 ? chosen : throw new InvalidOperationException("No slot is free.");
    }

    private sealed class Slot
    {
        public TSequence? Sequence { get; set; }

        public KvHistory History { get; } = new();

        /// <summary>When the slot's KV last changed, on the table's own clock: the least recent free one is given up first.</summary>
        public long LastUsed { get; set; }

        public bool IsFree => Sequence is null;
    }
}
