using LocalMultimodal.Generation;

namespace LocalMultimodal.Tests.Generation;

/// <summary>Stop sequences in streamed text, including ones split across pieces. No model is loaded.</summary>
public sealed class StopSequenceMatcherTests
{
    [Fact]
    public void WithoutStops_TextPassesStraightThrough()
    {
        var matcher = new StopSequenceMatcher([]);

        Assert.Equal(("hello <END", false), matcher.Append("hello <END"));
        Assert.Equal(string.Empty, matcher.Flush());
    }

    [Fact]
    public void StopInsideOnePiece_EmitsTheTextBeforeIt_AndStops()
    {
        var matcher = new StopSequenceMatcher(["<END>"]);

        Assert.Equal(("red", true), matcher.Append("red<END> and more"));
    }

    [Fact]
    public void StopSplitAcrossPieces_IsHeldBack_AndNeverEmitted()
    {
        var matcher = new StopSequenceMatcher(["<END>"]);

        Assert.Equal(("red", false), matcher.Append("red<E"));
        Assert.Equal((string.Empty, false), matcher.Append("N"));
        Assert.Equal((string.Empty, true), matcher.Append("D>blue"));
        Assert.Equal(string.Empty, matcher.Flush());
    }

    [Fact]
    public void HeldTextThatTurnsOutNotToBeAStop_IsEmittedWithTheNextPiece()
    {
        var matcher = new StopSequenceMatcher(["<END>"]);

        Assert.Equal(("a", false), matcher.Append("a<E"));
        Assert.Equal(("<Excellent", false), matcher.Append("xcellent"));
    }

    [Fact]
    public void HeldText_IsReleasedByFlush_AtTheEnd()
    {
        var matcher = new StopSequenceMatcher(["stop here"]);

        Assert.Equal(("go ", false), matcher.Append("go sto"));
        Assert.Equal("sto", matcher.Flush());
        Assert.Equal(string.Empty, matcher.Flush());
    }

    [Fact]
    public void OfSeveralStops_TheEarliestInTheText_Wins()
    {
        var matcher = new StopSequenceMatcher(["zz", "b"]);

        Assert.Equal(("a", true), matcher.Append("abzz"));
    }

    [Fact]
    public void LongestPossibleStopStart_IsHeld()
    {
        var matcher = new StopSequenceMatcher(["abd", "abcd"]);

        Assert.Equal(("x", false), matcher.Append("xabc"));
        Assert.Equal(("abce", false), matcher.Append("e"));
    }
}
