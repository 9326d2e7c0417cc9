using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace LocalMultimodal.AI.Tests;

/// <summary>Deterministic encoded media for requests.</summary>
internal static class TestMedia
{
    public const int SampleRate = 16000;

    /// <summary>A PNG of a red-to-blue gradient; <paramref name="shift"/> makes a different picture of the same size.</summary>
    public static byte[] Png(int width = 64, int height = 64, int shift = 0)
    {
        using var image = new Image<Rgb24>(width, height);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int r = (255 * x / (width - 1) + shift) % 256;
                image[x, y] = new Rgb24((byte)r, (byte)(128 * y / (height - 1)), (byte)(255 - r));
            }
        }

        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }

    /// <summary>A mono 16-bit PCM WAV of a sine.</summary>
    public static byte[] Wav(double seconds = 1, double frequency = 440)
    {
        int count = (int)(seconds * SampleRate);
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8);
        writer.Write(36 + count * 2);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(SampleRate);
        writer.Write(SampleRate * 2);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(count * 2);
        for (int i = 0; i < count; i++)
        {
            writer.Write((short)(16000 * Math.Sin(2 * Math.PI * frequency * i / SampleRate)));
        }

        writer.Flush();
        return stream.ToArray();
    }
}
