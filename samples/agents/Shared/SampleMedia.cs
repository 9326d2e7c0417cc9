using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace LocalMultimodal.Samples;

/// <summary>The image and audio clip the samples ask about: <c>--image</c>/<c>--audio</c> files, or small generated ones.</summary>
internal static class SampleMedia
{
    public static (byte[] Png, byte[] Wav) Resolve(string[] args) => (
        SampleModel.Argument(args, "--image") is { } image ? File.ReadAllBytes(image) : RedPng(),
        SampleModel.Argument(args, "--audio") is { } audio ? File.ReadAllBytes(audio) : ToneWav());

    /// <summary>A red square, 64×64.</summary>
    public static byte[] RedPng()
    {
        using var image = new Image<Rgb24>(64, 64, new Rgb24(220, 20, 30));
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }

    /// <summary>One second of a 440 Hz tone (low to the demo model, whose boundary is near 1.7 kHz): 16 kHz mono 16-bit PCM WAV.</summary>
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
