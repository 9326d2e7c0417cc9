namespace LocalMultimodal.Testing;

/// <summary>Sine tones and silence as float samples in [-1, 1].</summary>
public static class Tones
{
    /// <summary>16 kHz: the rate Whisper-style audio encoders take, so samples at it need no resampling.</summary>
    public const int SpeechSampleRate = 16_000;

    public static float[] Sine(double frequency, int sampleRate, double seconds = 1, double amplitude = 0.5)
    {
        var samples = new float[(int)(sampleRate * seconds)];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = (float)(amplitude * Math.Sin(2 * Math.PI * frequency * i / sampleRate));
        }

        return samples;
    }

    /// <summary>Seeded white noise in [-0.5, 0.5).</summary>
    public static float[] Noise(int sampleRate, double seconds, int seed = 7)
    {
        var random = new Random(seed);
        var samples = new float[(int)(sampleRate * seconds)];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = (float)(random.NextDouble() - 0.5);
        }

        return samples;
    }

    /// <summary>The same tone on two channels, as (channels, time) or (time, channels).</summary>
    public static float[,] StereoSine(double frequency, int sampleRate, bool channelMajor)
    {
        float[] mono = Sine(frequency, sampleRate);
        float[,] stereo = channelMajor ? new float[2, mono.Length] : new float[mono.Length, 2];
        for (int i = 0; i < mono.Length; i++)
        {
            for (int channel = 0; channel < 2; channel++)
            {
                if (channelMajor)
                {
                    stereo[channel, i] = mono[i];
                }
                else
                {
                    stereo[i, channel] = mono[i];
                }
            }
        }

        return stereo;
    }
}
