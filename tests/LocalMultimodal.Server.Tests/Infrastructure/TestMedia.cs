using System.Buffers.Binary;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace LocalMultimodal.Server.Tests.Infrastructure;

/// <summary>Small media made in code: PNG images of one colour and a WAV tone.</summary>
internal static class TestMedia
{
    public static byte[] RedPng { get; } = Png(255, 0, 0);

    public static byte[] BluePng { get; } = Png(0, 0, 255);

    /// <summary>One second of a 440 Hz tone, 16 kHz mono 16-bit PCM.</summary>
    public static byte[] ToneWav { get; } = Wav(16_000, 1.0);

    public static string DataUrl(byte[] bytes, string mediaType) => $"data:{mediaType};base64,{Convert.ToBase64String(bytes)}";

    public static string RedPngDataUrl => DataUrl(RedPng, "image/png");

    private static byte[] Png(byte r, byte g, byte b)
    {
        using var image = new Image<Rgb24>(32, 32, new Rgb24(r, g, b));
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }

    private static byte[] Wav(int sampleRate, double seconds)
    {
        int samples = (int)(sampleRate * seconds);
        var bytes = new byte[44 + (samples * 2)];
        var span = bytes.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], bytes.Length - 8);
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], sampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], samples * 2);
        for (int i = 0; i < samples; i++)
        {
            short value = (short)(Math.Sin(2 * Math.PI * 440 * i / sampleRate) * 8000);
            BinaryPrimitives.WriteInt16LittleEndian(span[(44 + (i * 2))..], value);
        }

        return bytes;
    }
}
