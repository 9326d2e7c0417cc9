using LocalMultimodal.Media;

namespace LocalMultimodal.Tests.Media;

public sealed class AudioSplitterTests
{
    private static float[] Noise(int count, int seed = 1)
    {
        var random = new Random(seed);
        var samples = new float[count];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = (float)((random.NextDouble() * 1.6) - 0.8);
        }

        return samples;
    }

    [Fact]
    public void LongAudio_LosesNoSample()
    {
        float[] audio = Noise(65 * 16000);

        IReadOnlyList<float[]> clips = AudioSplitter.Split(audio, 16000);

        Assert.Equal(3, clips.Count);
        Assert.All(clips, c => Assert.InRange(c.Length, 1, 30 * 16000));
        Assert.Equal(audio, clips.SelectMany(c => c).ToArray());
    }

    [Fact]
    public void Cuts_FallAtTheQuietestWindowBeforeEachLimit()
    {
        float[] audio = Noise(70 * 16000);

        // The search span is 29 s to 30 s; windows step by 1600 from its start. Silence one window
        // (the 6th) in the first span, and make the 3rd window of the second span quiet, not silent.
        int firstQuiet = (29 * 16000) + (5 * 1600);
        audio.AsSpan(firstQuiet, 1600).Clear();
        int secondSpan = firstQuiet + (29 * 16000);
        foreach (ref float sample in audio.AsSpan(secondSpan + (2 * 1600), 1600))
        {
            sample *= 0.01f;
        }

        IReadOnlyList<float[]> clips = AudioSplitter.Split(audio, 16000);

        Assert.Equal(firstQuiet, clips[0].Length);
        Assert.Equal(secondSpan + (2 * 1600), clips[0].Length + clips[1].Length);
        Assert.Equal(audio, clips.SelectMany(c => c).ToArray());
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(30 * 16000)]
    public void AudioThatFits_IsOneUntouchedClip(int length)
    {
        float[] audio = Noise(length);

        IReadOnlyList<float[]> clips = AudioSplitter.Split(audio, 16000);

        Assert.Equal(audio, Assert.Single(clips));
    }

    [Fact]
    public void Empty_GivesNoClip() => Assert.Empty(AudioSplitter.Split([], 16000));

    [Theory]
    [InlineData(44100, 2.0, 0.5, 1000)]
    [InlineData(8000, 3.0, 1.0, 1600)]
    [InlineData(22050, 1.0, 0.0, 512)]
    public void OtherRates_AreCutWithinTheLimitAndLoseNothing(int rate, double maxClip, double overlap, int window)
    {
        float[] audio = Noise((int)(rate * maxClip * 4.3));

        IReadOnlyList<float[]> clips = AudioSplitter.Split(audio, rate, maxClip, overlap, window);

        Assert.True(clips.Count >= 5);
        Assert.All(clips.SkipLast(1), c => Assert.InRange(c.Length, (int)(rate * (maxClip - overlap)), (int)(rate * maxClip)));
        Assert.Equal(audio, clips.SelectMany(c => c).ToArray());
    }

    [Theory]
    [InlineData(0, 30, 1, 1600)]
    [InlineData(16000, 0, 0, 1600)]
    [InlineData(16000, double.NaN, 1, 1600)]
    [InlineData(16000, 30, -1, 1600)]
    [InlineData(16000, 30, 30, 1600)]
    [InlineData(16000, 30, 1, 0)]
    [InlineData(1, 0.5, 0, 1600)]
    public void InvalidArguments_AreRejected(int rate, double maxClip, double overlap, int window) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AudioSplitter.Split(new float[100], rate, maxClip, overlap, window));
}
