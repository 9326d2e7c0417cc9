using LocalMultimodal.Media;

namespace LocalMultimodal.Tests.Media;

public sealed class MediaContentHashTests
{
    [Fact]
    public void SameImageContent_GivesTheSameHash()
    {
        string a = MediaContentHash.Of(new PreparedImage(2, 1, [1, 2, 3, 4, 5, 6]));
        string b = MediaContentHash.Of(new PreparedImage(2, 1, [1, 2, 3, 4, 5, 6]));

        Assert.Equal(a, b);
        Assert.Matches("^[0-9a-f]{64}$", a);
    }

    [Fact]
    public void DifferentPixelsOrShape_GiveDifferentHashes()
    {
        string wide = MediaContentHash.Of(new PreparedImage(2, 1, [1, 2, 3, 4, 5, 6]));
        string tall = MediaContentHash.Of(new PreparedImage(1, 2, [1, 2, 3, 4, 5, 6]));
        string changed = MediaContentHash.Of(new PreparedImage(2, 1, [1, 2, 3, 4, 5, 7]));

        Assert.NotEqual(wide, tall);
        Assert.NotEqual(wide, changed);
    }

    [Fact]
    public void AudioHash_DependsOnSamplesAndRate()
    {
        float[] samples = [0.1f, -0.2f, 0.3f];

        Assert.Equal(MediaContentHash.Of(samples, 16000), MediaContentHash.Of((float[])samples.Clone(), 16000));
        Assert.NotEqual(MediaContentHash.Of(samples, 16000), MediaContentHash.Of(samples, 24000));
        Assert.NotEqual(MediaContentHash.Of(samples, 16000), MediaContentHash.Of([0.1f, -0.2f, 0.30001f], 16000));
    }
}
