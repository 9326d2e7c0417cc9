using LocalMultimodal.Scheduling;

namespace LocalMultimodal.Tests.Scheduling;

/// <summary>
/// The slot table's choices (which slot, which KV prefix, copy or reuse, trim), against a KV memory that
/// keeps each slot's positions as a list, the way llama.cpp's seq_cp and seq_rm treat them. No model is loaded.
/// </summary>
public sealed class SlotTableTests
{
    private readonly ListKvMemory _memory = new(capacity: 3);

    [Fact]
    public void NewPrompt_WithNothingRetained_GoesToAFreeSlot_Cleared()
    {
        var table = new SlotTable<string>(3, _memory, prefixCaching: true);

        var placement = table.Place(Tokens(1, 2, 3), maxPositions: 2);

        Assert.Equal(new SlotPlacement(0, 0, 0), placement);
        Assert.Equal(["trim 0 from 0"], _memory.Operations);
    }

    [Fact]
    public void RetainedKv_OfAFreeSlot_IsReusedInPlace_UpToTheSharedPrefix()
    {
        var table = new SlotTable<string>(3, _memory, prefixCaching: true);
        RunAndRetain(table, Tokens(1, 2, 3, 4, 5));

        var placement = table.Place(Tokens(1, 2, 3, 9, 9, 9), maxPositions: 5);

        Assert.Equal(new SlotPlacement(0, 3, 3), placement);
        Assert.Equal(["trim 0 from 3"], _memory.Operations);
        Assert.Equal([1, 2, 3], _memory.Cells(0));
        Assert.Equal(3, table.History(0).Positions);
    }

    [Fact]
    public void LongestOfSeveralRetainedPrefixes_Wins()
    {
        var table = new SlotTable<string>(3, _memory, prefixCaching: true);
        int shorter = Run(table, "shorter", Tokens(1, 2, 8));
        int longer = Run(table, "longer", Tokens(1, 2, 3, 4));
        table.Retain(shorter, 3);
        table.Retain(longer, 4);

        var placement = table.Place(Tokens(1, 2, 3, 4, 5), maxPositions: 4);

        Assert.Equal(new SlotPlacement(longer, 4, 4), placement);
        Assert.Equal([1, 2, 8], _memory.Cells(shorter));
    }

    [Fact]
    public void PrefixHeldByARunningSequence_IsCopiedToAFreeSlot_ThenTrimmed()
    {
        var table = new SlotTable<string>(3, _memory, prefixCaching: true);
        var running = Run(table, "running", Tokens(1, 2, 3, 4));

        var placement = table.Place(Tokens(1, 2, 3, 7), maxPositions: 3);

        Assert.NotEqual(running, placement.Slot);
        Assert.Equal(new SlotPlacement(1, 3, 3), placement);
        Assert.Equal(["copy 0 to 1", "trim 1 from 3"], _memory.Operations);
        Assert.Equal([1, 2, 3], _memory.Cells(1));
        Assert.Equal([1, 2, 3, 4], _memory.Cells(0));
        Assert.Equal(3, table.History(1).Count);
        Assert.Equal("running", table[0]);
    }

    [Fact]
    public void EqualPrefixes_InARunningAndAFreeSlot_ReuseTheFreeOne_WithoutACopy()
    {
        var table = new SlotTable<string>(3, _memory, prefixCaching: true);
        Run(table, "running", Tokens(1, 2, 3, 4));
        RunAndRetain(table, Tokens(1, 2, 3, 5));

        var placement = table.Place(Tokens(1, 2, 3, 6), maxPositions: 3);

        Assert.Equal(new SlotPlacement(1, 3, 3), placement);
        Assert.Equal(["trim 1 from 3"], _memory.Operations);
    }

    [Fact]
    public void WithoutAMatch_TheLeastRecentlyUsedFreeSlot_IsGivenUp()
    {
        var table = new SlotTable<string>(3, _memory, prefixCaching: true);
        RunAndRetain(table, Tokens(1)); // slot 0
        RunAndRetain(table, Tokens(2)); // slot 1
        RunAndRetain(table, Tokens(3)); // slot 2
        RunAndRetain(table, Tokens(1, 5)); // slot 0 again, now the most recent

        var placement = table.Place(Tokens(9, 9), maxPositions: 1);

        Assert.Equal(new SlotPlacement(1, 0, 0), placement);
        Assert.Equal(["trim 1 from 0"], _memory.Operations);
        Assert.Equal([3], _memory.Cells(2));
    }

    [Fact]
    public void ThePromptsLastPosition_IsNeverReused_SoItsLogitsAreComputed()
    {
        var table = new SlotTable<string>(3, _memory, prefixCaching: true);
        RunAndRetain(table, Tokens(1, 2, 3));

        var placement = table.Place(Tokens(1, 2, 3), maxPositions: 2);

        Assert.Equal(new SlotPlacement(0, 2, 2), placement);
    }

    [Theory]
    [InlineData("Image:red", 18, 2, 17)] // the same chunk: reused with the token before it
    [InlineData("Image:blue", 18, 1, 1)] // another item's chunk: only the token before it
    [InlineData("Image:red", 16, 1, 1)] // room for part of the chunk only: none of it
    public void MediaChunk_IsReusedOnlyWhole_AndOnlyUnderTheSameKey(string itemKey, int maxPositions, int units, int positions)
    {
        var table = new SlotTable<string>(3, _memory, prefixCaching: true);
        var red = new KvUnit(-1, new MediaChunkKey("Image:red", 0, 0), 16);
        RunAndRetain(table, [KvUnit.ForToken(1), red, KvUnit.ForToken(2)]);

        var placement = table.Place([KvUnit.ForToken(1), red with { MediaKey = new MediaChunkKey(itemKey, 0, 0) }, KvUnit.ForToken(7)], maxPositions);

        Assert.Equal(new SlotPlacement(0, units, positions), placement);
        Assert.Equal(positions, _memory.Cells(0).Count);
    }

    [Fact]
    public void MRopeImage_IsReusedWhole_TrimmedByPositions_AndCountedInCells()
    {
        var table = new SlotTable<string>(2, _memory, prefixCaching: true);
        var image = KvUnit.ForMedia(new MediaChunkKey("Image:red", 0, 0), tokens: 18, ChunkPositions.Grid(6, 3));
        RunAndRetain(table, [KvUnit.ForToken(1), image, KvUnit.ForToken(2), KvUnit.ForToken(3)]);
        Assert.Equal(9, table.History(0).Positions);
        Assert.Equal(21, table.History(0).Cells);

        var placement = table.Place([KvUnit.ForToken(1), image, KvUnit.ForToken(2), KvUnit.ForToken(9)], maxPositions: 8);

        // The token, the image's 18 rows and the token after it stay: 20 cells up to position 8.
        Assert.Equal(new SlotPlacement(0, 3, 8), placement);
        Assert.Equal(["trim 0 from 8"], _memory.Operations);
        Assert.Equal(20, _memory.Cells(0).Count);
        Assert.Equal(20, table.History(0).Cells);
    }

    [Fact]
    public void RetainingAFinishedSequence_KeepsItsKv_UnlessItEndsInsideAMediaChunk()
    {
        var table = new SlotTable<string>(3, _memory, prefixCaching: true);
        int whole = Run(table, "whole", Tokens(1, 2, 3));
        int partial = Run(table, "partial", Tokens(4, 5));

        table.Retain(whole, decodedCells: 3);
        table.Retain(partial, decodedCells: 10); // eight rows of a chunk that never entered the history

        Assert.Equal([1, 2, 3], _memory.Cells(whole));
        Assert.Empty(_memory.Cells(partial));
        Assert.Equal(0, table.History(partial).Count);
        Assert.Equal(0, table.RunningCount);
    }

    [Fact]
    public void WithoutPrefixCaching_NothingIsReused_AndRetainClears()
    {
        var table = new SlotTable<string>(3, _memory, prefixCaching: false);
        RunAndRetain(table, Tokens(1, 2, 3));

        var placement = table.Place(Tokens(1, 2, 3, 4), maxPositions: 3);

        Assert.Equal(0, placement.Units);
        Assert.Empty(_memory.Cells(0));
    }

    [Fact]
    public void ReleasedSlot_IsCleared_AndFreeAgain()
    {
        var table = new SlotTable<string>(1, _memory, prefixCaching: true);
        int slot = Run(table, "failed", Tokens(1, 2));

        Assert.False(table.HasFreeSlot);
        table.Release(slot);

        Assert.True(table.HasFreeSlot);
        Assert.Empty(_memory.Cells(slot));
        Assert.Throws<InvalidOperationException>(() => table[slot]);
    }

    [Fact]
    public void OccupyingATakenSlot_IsRefused()
    {
        var table = new SlotTable<string>(1, _memory, prefixCaching: true);
        int slot = Run(table, "first", Tokens(1));

        Assert.Throws<InvalidOperationException>(() => table.Occupy(slot, "second"));
    }

    private static KvUnit[] Tokens(params int[] tokens) => [.. tokens.Select(KvUnit.ForToken)];

    /// <summary>Places and occupies a prompt, and decodes it (as the executor would); returns the slot.</summary>
    private int Run(SlotTable<string> table, string name, IReadOnlyList<KvUnit> prompt)
    {
        var placement = table.Place(prompt, prompt.Sum(u => u.Positions) - 1);
        table.Occupy(placement.Slot, name);
        foreach (var unit in prompt.Skip(placement.Units))
        {
            _memory.Decode(placement.Slot, unit);
            table.Record(placement.Slot, unit);
        }

        _memory.Operations.Clear();
        return placement.Slot;
    }

    private void RunAndRetain(SlotTable<string> table, IReadOnlyList<KvUnit> prompt)
    {
        int slot = Run(table, "done", prompt);
        table.Retain(slot, table.History(slot).Cells);
        _memory.Operations.Clear();
    }

    private void Release(SlotTable<string> table, int slot)
    {
        table.Occupy(slot, "released");
        table.Release(slot);
        _memory.Operations.Clear();
    }

    /// <summary>
    /// Each slot's KV as llama.cpp keeps it: cells, each with what it holds (a token, or -1 for a media row) and
    /// its position. An M-RoPE image's rows all sit at the image's start on the first axis, as in llama.cpp.
    /// </summary>
    private sealed class ListKvMemory(int capacity) : IKvMemory
    {
        private readonly List<(int Token, int Position)>[] _cells = [.. Enumerable.Range(0, capacity).Select(_ => new List<(int, int)>())];
        private readonly int[] _next = new int[capacity];

        public List<string> Operations { get; } = [];

        public IReadOnlyList<int> Cells(int slot) => [.. _cells[slot].Select(c => c.Token)];

        public void Decode(int slot, KvUnit unit)
        {
            int start = _cells[slot].Count == 0 ? 0 : _next[slot];
            for (int i = 0; i < unit.Cells; i++)
            {
                _cells[slot].Add((unit.Token, unit.Cells == unit.Positions ? start + i : start));
            }

            _next[slot] = start + unit.Positions;
        }

        public void Copy(int fromSlot, int toSlot)
        {
            Operations.Add($"copy {fromSlot} to {toSlot}");
            _cells[toSlot].Clear();
            _cells[toSlot].AddRange(_cells[fromSlot]);
            _next[toSlot] = _next[fromSlot];
        }

        public void Trim(int slot, int fromPosition)
        {
            Operations.Add($"trim {slot} from {fromPosition}");
            _cells[slot].RemoveAll(c => c.Position >= fromPosition);
            _next[slot] = fromPosition;
        }
    }
}
