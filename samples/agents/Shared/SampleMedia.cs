using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace LocalMultimodal.Samples;

/// <summary>The image and audio clip the samples ask about: <c>--image</c>/<c>--audio</c> files, or small generated ones.</summary>
internal static class SampleMedia
{
    public static (byte[] Png, byte[] Wav) Resolve(string[] args) => (
        SampleModel.Argument(args, "--image") is { } image ? File.ReadAllBytes(image) : SunsetPng(),
        SampleModel.Argument(args, "--audio") is { } audio ? File.ReadAllBytes(audio) : ToneWav());

    /// <summary>An orange-to-purple gradient, 64×64.</summary>
    public static byte[] SunsetPng()
    {
        using var image = new Image<Rgb24>(64, 64);
        for (int y = 0; y < 64; y++)
        {
            for (int x = 0; x < 64; x++)
            {
                image[x, y] = new Rgb24((byte)(255 - y * 2), (byte)(140 - y * 2), (byte)(60 + y * 3));
            }
        }

        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }

    /// <summary>One second of a 440 Hz tone: 16 kHz mono 16-bit PCM WAV.</summary>
    public static byte[] ToneWav()
    {
        const int rate = 16000;
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8);
        writer.Write(36 + rate * 2);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(rate);
        writer.Write(rate * 2);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(rate * 2);
        for (int i = 0; i < rate; i++)
        {
            writer.Write((short)(12000 * Math.Sin(2 * Math.PI * 440 * i / rate)));
        }

        writer.Flush();
        return stream.ToArray();
    }
}
