using LocalMultimodal.Scheduling;

namespace LocalMultimodal.Tests.Scheduling;

/// <summary>What a slot's KV holds, unit by unit: counting, truncating and prefix matching. No model is loaded.</summary>
public sealed class KvHistoryTests
{
    private static readonly KvUnit Chunk = new(-1, new MediaChunkKey("Image:abc", 0, 0), 16);

    [Fact]
    public void Positions_CountTokensAsOne_AndMediaChunksAsTheirSize()
    {
        var history = Filled(KvUnit.ForToken(1), Chunk, KvUnit.ForToken(2));

        Assert.Equal(3, history.Count);
        Assert.Equal(18, history.Positions);
    }

    [Fact]
    public void Truncate_ForgetsTheUnitsFromThere_OnAndTheirPositions()
    {
        var history = Filled(KvUnit.ForToken(1), Chunk, KvUnit.ForToken(2));

        history.Truncate(1);

        Assert.Equal(1, history.Count);
        Assert.Equal(1, history.Positions);
        Assert.Equal((1, 1), history.CommonPrefix([KvUnit.ForToken(1), Chunk], maxPositions: 100));
    }

    [Fact]
    public void CommonPrefix_StopsAtTheFirstDifference()
    {
        var history = Filled(KvUnit.ForToken(1), KvUnit.ForToken(2), KvUnit.ForToken(3));

        Assert.Equal((2, 2), history.CommonPrefix([KvUnit.ForToken(1), KvUnit.ForToken(2), KvUnit.ForToken(4)], maxPositions: 100));
        Assert.Equal((0, 0), history.CommonPrefix([KvUnit.ForToken(5)], maxPositions: 100));
    }

    [Fact]
    public void CommonPrefix_EndsAtTheShorterOfTheTwo()
    {
        var history = Filled(KvUnit.ForToken(1), KvUnit.ForToken(2));

        Assert.Equal((2, 2), history.CommonPrefix([KvUnit.ForToken(1), KvUnit.ForToken(2), KvUnit.ForToken(3)], maxPositions: 100));
        Assert.Equal((1, 1), history.CommonPrefix([KvUnit.ForToken(1)], maxPositions: 100));
    }

    [Fact]
    public void CommonPrefix_NeverSplitsAMediaChunk_ToStayUnderTheLimit()
    {
        var history = Filled(KvUnit.ForToken(1), Chunk, KvUnit.ForToken(2));
        KvUnit[] prompt = [KvUnit.ForToken(1), Chunk, KvUnit.ForToken(2)];

        Assert.Equal((1, 1), history.CommonPrefix(prompt, maxPositions: 16));
        Assert.Equal((2, 17), history.CommonPrefix(prompt, maxPositions: 17));
    }

    [Fact]
    public void CommonPrefix_MatchesMediaByChunkKey()
    {
        var history = Filled(Chunk);

        Assert.Equal((1, 16), history.CommonPrefix([Chunk with { }], maxPositions: 100));
        Assert.Equal((0, 0), history.CommonPrefix([Chunk with { MediaKey = new MediaChunkKey("Image:abc", 0, 1) }], maxPositions: 100));
        Assert.Equal((0, 0), history.CommonPrefix([Chunk with { MediaKey = new MediaChunkKey("Image:abc", 1, 0) }], maxPositions: 100));
    }

    private static KvHistory Filled(params KvUnit[] units)
    {
        var history = new KvHistory();
        foreach (var unit in units)
        {
            history.Append(unit);
        }

        return history;
    }
}
