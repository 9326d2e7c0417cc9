using LocalMultimodal.Media;

namespace LocalMultimodal.Tests.Media;

public sealed class AudioResamplerTests
{
    private static float[] Sine(double frequency, int sampleRate, int count)
    {
        var samples = new float[count];
        for (int i = 0; i < count; i++)
        {
            samples[i] = (float)Math.Sin(2 * Math.PI * frequency * i / sampleRate);
        }

        return samples;
    }

    // Power of one frequency (Goertzel), normalised so a unit sine gives about 1.
    private static double Power(ReadOnlySpan<float> samples, double frequency, int sampleRate)
    {
        double coefficient = 2 * Math.Cos(2 * Math.PI * frequency / sampleRate);
        double s1 = 0;
        double s2 = 0;
        foreach (float sample in samples)
        {
            double s0 = sample + (coefficient * s1) - s2;
            s2 = s1;
            s1 = s0;
        }

        double power = (s1 * s1) + (s2 * s2) - (coefficient * s1 * s2);
        return power * 4 / ((double)samples.Length * samples.Length);
    }

    private static double Rms(ReadOnlySpan<float> samples)
    {
        double sum = 0;
        foreach (float sample in samples)
        {
            sum += sample * sample;
        }

        return Math.Sqrt(sum / samples.Length);
    }

    [Fact]
    public void Downsampling_KeepsTheFrequencyAndLength()
    {
        float[] output = AudioResampler.Resample(Sine(3000, 44100, 44100), 44100, 16000);

        Assert.Equal(16000, output.Length);
        ReadOnlySpan<float> middle = output.AsSpan(1000, 14000);
        Assert.InRange(Power(middle, 3000, 16000), 0.95, 1.05);
        Assert.True(Power(middle, 2500, 16000) < 1e-4);
        Assert.True(Power(middle, 3500, 16000) < 1e-4);
        Assert.InRange(Rms(middle), 0.70, 0.71);

        int crossings = 0;
        for (int i = 1001; i < 15000; i++)
        {
            if ((output[i - 1] < 0) != (output[i] < 0))
            {
                crossings++;
            }
        }

        // 3 kHz over 14000 samples at 16 kHz: 0.875 s, 2 crossings a period.
        Assert.InRange(crossings, 5248, 5252);
    }

    [Fact]
    public void Upsampling_KeepsTheFrequency()
    {
        float[] output = AudioResampler.Resample(Sine(1000, 8000, 8000), 8000, 16000);

        Assert.Equal(16000, output.Length);
        Assert.InRange(Power(output.AsSpan(1000, 14000), 1000, 16000), 0.95, 1.05);
    }

    [Fact]
    public void Downsampling_RemovesFrequenciesAboveTheNewNyquist()
    {
        // 10 kHz cannot exist at 16 kHz; without a low-pass it would fold to 6 kHz.
        float[] output = AudioResampler.Resample(Sine(10000, 44100, 44100), 44100, 16000);
        Assert.True(Rms(output.AsSpan(1000, 14000)) < 1e-3);
    }

    [Fact]
    public void Constant_StaysConstantAwayFromTheEdges()
    {
        float[] input = Enumerable.Repeat(0.5f, 22050).ToArray();
        float[] output = AudioResampler.Resample(input, 22050, 16000);
        Assert.Equal(16000, output.Length);
        foreach (float sample in output.AsSpan(500, 15000))
        {
            Assert.Equal(0.5f, sample, 1e-5f);
        }
    }

    [Theory]
    [InlineData(44100, 16000, 1, 1)]
    [InlineData(44100, 16000, 441, 160)]
    [InlineData(44100, 16000, 442, 161)]
    [InlineData(16000, 44100, 160, 441)]
    [InlineData(44101, 16000, 44101, 16000)]
    public void OutputLength_IsTheInputDurationRoundedUp(int fromRate, int toRate, int inputLength, int expectedLength)
    {
        Assert.Equal(expectedLength, AudioResampler.Resample(new float[inputLength], fromRate, toRate).Length);
    }

    [Fact]
    public void OddRatePair_StillKeepsTheFrequency()
    {
        // 44101 / 16000 has no common factor: positions are rounded to 1/1024 sample.
        float[] output = AudioResampler.Resample(Sine(3000, 44101, 44101), 44101, 16000);
        Assert.InRange(Power(output.AsSpan(1000, 14000), 3000, 16000), 0.95, 1.05);
    }
}
