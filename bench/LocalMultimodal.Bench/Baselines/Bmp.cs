using System.Buffers.Binary;

namespace LocalMultimodal.Bench.Baselines;

/// <summary>Writes RGB pixels as a 24-bit BMP file, the simplest format <c>MtmdWeights.LoadMedia</c> reads.</summary>
internal static class Bmp
{
    public static byte[] Encode(int width, int height, ReadOnlySpan<byte> rgb)
    {
        int stride = (width * 3 + 3) & ~3;
        const int header = 54;
        var file = new byte[header + stride * height];
        var span = file.AsSpan();
        span[0] = (byte)'B';
        span[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(span[2..], file.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span[10..], header);
        BinaryPrimitives.WriteInt32LittleEndian(span[14..], 40);
        BinaryPrimitives.WriteInt32LittleEndian(span[18..], width);
        BinaryPrimitives.WriteInt32LittleEndian(span[22..], height); // positive: rows stored bottom-up
        BinaryPrimitives.WriteInt16LittleEndian(span[26..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[28..], 24);
        BinaryPrimitives.WriteInt32LittleEndian(span[34..], stride * height);
        for (int y = 0; y < height; y++)
        {
            int row = header + (height - 1 - y) * stride;
            for (int x = 0; x < width; x++)
            {
                int source = (y * width + x) * 3;
                file[row + x * 3] = rgb[source + 2];
                file[row + x * 3 + 1] = rgb[source + 1];
                file[row + x * 3 + 2] = rgb[source];
            }
        }

        return file;
    }
}
