using LocalMultimodal.Errors;
using LocalMultimodal.Media;

namespace LocalMultimodal.Tests.Media;

public sealed class AudioPreparerTests
{
    private static readonly AudioMediaOptions Options = new();

    private static float[] Noise(int count, int seed)
    {
        var random = new Random(seed);
        var samples = new float[count];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return samples;
    }

    [Theory]
    [InlineData(16000)]
    [InlineData(44100)]
    public async Task ChannelMajor_EqualsTimeMajor(int sampleRate)
    {
        const int channels = 3;
        const int frames = 4000;
        float[] timeMajor = Noise(channels * frames, seed: 1);
        var channelMajor = new float[timeMajor.Length];
        var grid = new float[channels, frames];
        for (int f = 0; f < frames; f++)
        {
            for (int c = 0; c < channels; c++)
            {
                channelMajor[(c * frames) + f] = timeMajor[(f * channels) + c];
                grid[c, f] = timeMajor[(f * channels) + c];
            }
        }

        float[] expected = await AudioPreparer.PrepareAsync(AudioInput.FromSamples(timeMajor, sampleRate, channels, AudioLayout.TimeMajor), 16000, Options);
        Assert.Equal(expected, await AudioPreparer.PrepareAsync(AudioInput.FromSamples(channelMajor, sampleRate, channels, AudioLayout.ChannelMajor), 16000, Options));
        Assert.Equal(expected, await AudioPreparer.PrepareAsync(AudioInput.FromSamples(grid, sampleRate, AudioLayout.ChannelMajor), 16000, Options));
    }

    [Fact]
    public async Task Channels_AreAveraged()
    {
        float[] stereo = [1f, 0f, 0.5f, -0.5f, -1f, 0.25f];
        float[] mono = await AudioPreparer.PrepareAsync(AudioInput.FromSamples(stereo, 16000, 2, AudioLayout.TimeMajor), 16000, Options);
        Assert.Equal([0.5f, 0f, -0.375f], mono);
    }

    [Theory]
    [InlineData(2, 16000)]
    [InlineData(2, 22050)]
    [InlineData(3, 48000)]
    public async Task IdenticalChannels_EqualTheMonoClip(int channels, int sampleRate)
    {
        float[] mono = Noise(3000, seed: 2);
        var multi = new float[mono.Length * channels];
        for (int i = 0; i < multi.Length; i++)
        {
            multi[i] = mono[i / channels];
        }

        float[] expected = await AudioPreparer.PrepareAsync(AudioInput.FromSamples(mono, sampleRate), 16000, Options);
        float[] actual = await AudioPreparer.PrepareAsync(AudioInput.FromSamples(multi, sampleRate, channels, AudioLayout.TimeMajor), 16000, Options);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task SameRate_ReturnsTheSamplesUnchanged()
    {
        float[] samples = Noise(1234, seed: 3);
        Assert.Equal(samples, await AudioPreparer.PrepareAsync(AudioInput.FromSamples(samples, 16000), 16000, Options));
    }

    [Fact]
    public async Task Prepare_DoesNotWriteToTheCallersSamples()
    {
        float[] samples = Noise(100, seed: 4);
        float[] copy = (float[])samples.Clone();
        float[] result = await AudioPreparer.PrepareAsync(AudioInput.FromSamples(samples, 16000), 16000, Options);
        result[0] = 42;
        Assert.Equal(copy, samples);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public async Task NonFiniteSamples_AreRefused(float bad)
    {
        float[] samples = [0f, 0.5f, bad, 0f];
        var ex = await Assert.ThrowsAsync<InvalidRequestException>(() => AudioPreparer.PrepareAsync(AudioInput.FromSamples(samples, 16000, 2, AudioLayout.ChannelMajor), 16000, Options));
        Assert.Equal("invalid_audio", ex.Code);
    }

    [Theory]
    [InlineData(0, 1, 4)]
    [InlineData(-8000, 1, 4)]
    [InlineData(10_000_000, 1, 4)]
    [InlineData(16000, 0, 4)]
    [InlineData(16000, -2, 4)]
    [InlineData(16000, 3, 4)]
    [InlineData(16000, 1, 0)]
    public async Task InvalidShapeOrRate_IsRefused(int sampleRate, int channels, int length)
    {
        var input = AudioInput.FromSamples(new float[length], sampleRate, channels, AudioLayout.TimeMajor);
        var ex = await Assert.ThrowsAsync<InvalidRequestException>(() => AudioPreparer.PrepareAsync(input, 16000, Options));
        Assert.Equal("invalid_audio", ex.Code);
    }

    [Fact]
    public async Task LongerThanTheCap_IsRefused()
    {
        var options = new AudioMediaOptions { MaxDurationSeconds = 1 };
        var ex = await Assert.ThrowsAsync<InvalidRequestException>(() => AudioPreparer.PrepareAsync(AudioInput.FromSamples(new float[16001], 16000), 16000, options));
        Assert.Equal("audio_too_long", ex.Code);

        // The cap counts frames, not samples: one second of stereo fits.
        Assert.Equal(16000, (await AudioPreparer.PrepareAsync(AudioInput.FromSamples(new float[32000], 16000, 2, AudioLayout.TimeMajor), 16000, options)).Length);
    }

    [Fact]
    public async Task ReferenceOnlyInput_IsAProgrammingError()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => AudioPreparer.PrepareAsync(AudioInput.Reference("clip-1"), 16000, Options));
    }
}
