namespace LocalMultimodal.Tests.Models;

/// <summary>Deterministic test images and audio.</summary>
internal static class TestMedia
{
    public const int SampleRate = 16000;

    /// <summary>A horizontal red-to-blue gradient.</summary>
    public static byte[] Gradient(int width, int height) => Rgb(width, height, (x, y) =>
        ((byte)(255 * x / (width - 1)), (byte)(128 * y / (height - 1)), (byte)(255 - 255 * x / (width - 1))));

    /// <summary>A black-and-white checkerboard of 8-pixel squares.</summary>
    public static byte[] Checkerboard(int width, int height) => Rgb(width, height, (x, y) =>
        (x / 8 + y / 8) % 2 == 0 ? ((byte)0, (byte)0, (byte)0) : ((byte)255, (byte)255, (byte)255));

    /// <summary>A 440 Hz sine. Use 30 s: shorter clips are zero-padded to 31 s and the padding dominates.</summary>
    public static float[] Sine(double seconds, double frequency = 440) =>
        Samples(seconds, i => (float)(0.5 * Math.Sin(2 * Math.PI * frequency * i / SampleRate)));

    /// <summary>Seeded white noise.</summary>
    public static float[] Noise(double seconds, int seed = 7)
    {
        var random = new Random(seed);
        return Samples(seconds, _ => (float)(random.NextDouble() - 0.5));
    }

    private static float[] Samples(double seconds, Func<int, float> sample)
    {
        var samples = new float[(int)(seconds * SampleRate)];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = sample(i);
        }

        return samples;
    }

    private static byte[] Rgb(int width, int height, Func<int, int, (byte R, byte G, byte B)> pixel)
    {
        var rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                (byte r, byte g, byte b) = pixel(x, y);
                int i = (y * width + x) * 3;
                (rgb[i], rgb[i + 1], rgb[i + 2]) = (r, g, b);
            }
        }

        return rgb;
    }
}
