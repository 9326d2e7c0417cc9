using LocalMultimodal.Media;

namespace LocalMultimodal.Tests.Media.Video;

public sealed class FrameSamplerTests
{
    // Expected values are numpy's np.linspace(0, total - 1, count, dtype=int).
    [Theory]
    [InlineData(30, 8, new[] { 0, 4, 8, 12, 16, 20, 24, 29 })]
    [InlineData(26, 8, new[] { 0, 3, 7, 10, 14, 17, 21, 25 })]
    [InlineData(100, 7, new[] { 0, 16, 33, 49, 66, 82, 99 })]
    [InlineData(10, 4, new[] { 0, 3, 6, 9 })]
    [InlineData(9, 1, new[] { 0 })]
    [InlineData(3, 8, new[] { 0, 1, 2 })]
    public void Uniform_MatchesNumpyLinspaceTruncated(int total, int count, int[] expected) =>
        Assert.Equal(expected, FrameSampler.Uniform(total, count));
}
