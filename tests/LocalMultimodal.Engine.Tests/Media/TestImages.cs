using System.Buffers.Binary;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.PixelFormats;

namespace LocalMultimodal.Tests.Media;

/// <summary>Small images built in code, and their encodings.</summary>
internal static class TestImages
{
    /// <summary>A 3x2 RGBA image whose every pixel differs, with alpha from 0 to 255.</summary>
    public static byte[] RgbaPixels() =>
    [
        255, 0, 0, 255,    0, 255, 0, 128,   0, 0, 255, 0,
        10, 20, 30, 255,   200, 100, 50, 1,  90, 180, 45, 254,
    ];

    /// <summary>A 3x2 RGB image whose every pixel differs.</summary>
    public static byte[] RgbPixels() =>
    [
        255, 0, 0,    0, 255, 0,    0, 0, 255,
        10, 20, 30,   200, 100, 50, 90, 180, 45,
    ];

    public static byte[] Encode<TPixel>(Image<TPixel> image, IImageEncoder encoder)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        using var stream = new MemoryStream();
        image.Save(stream, encoder);
        return stream.ToArray();
    }

    /// <summary>A PNG of a signature, an IHDR claiming the given size (8-bit RGBA) and IEND, with no pixel data.</summary>
    public static byte[] PngHeaderOnly(int width, int height)
    {
        using var stream = new MemoryStream();
        stream.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;
        ihdr[9] = 6;
        WriteChunk(stream, "IHDR"u8, ihdr);
        WriteChunk(stream, "IEND"u8, []);
        return stream.ToArray();
    }

    private static void WriteChunk(Stream stream, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        stream.Write(word);
        byte[] typeAndData = [.. type, .. data];
        stream.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typeAndData));
        stream.Write(word);
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }

        return ~crc;
    }
}
