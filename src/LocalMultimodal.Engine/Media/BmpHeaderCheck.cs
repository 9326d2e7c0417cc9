using System.Buffers.Binary;

namespace LocalMultimodal.Media;

/// <summary>
/// BMP header fields ImageSharp 2.1 trusts before it decodes: it allocates the colour table from the header's
/// colour count (4 bytes a colour, in 32-bit arithmetic), so a 78-byte file that claims a billion colours makes
/// it allocate over a gigabyte (found by the image fuzz target). A BMP table holds at most 256 colours.
/// </summary>
internal static class BmpHeaderCheck
{
    private const int FileHeaderBytes = 14;
    private const int MaxColours = 256;

    /// <summary>Null when the bytes are not a BMP or its header is sane; otherwise what is wrong.</summary>
    public static string? Problem(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < FileHeaderBytes + 4 || bytes[0] != 'B' || bytes[1] != 'M')
        {
            return null;
        }

        uint pixelOffset = BinaryPrimitives.ReadUInt32LittleEndian(bytes[10..]);
        if (pixelOffset > bytes.Length)
        {
            return $"The BMP's pixel data starts at byte {pixelOffset}, past the end of the file ({bytes.Length} bytes).";
        }

        // The colour count sits at offset 32 of a BITMAPINFOHEADER (40 bytes) and of every later version.
        uint infoSize = BinaryPrimitives.ReadUInt32LittleEndian(bytes[FileHeaderBytes..]);
        if (infoSize >= 40 && bytes.Length >= FileHeaderBytes + 36)
        {
            uint colours = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(FileHeaderBytes + 32)..]);
            if (colours > MaxColours)
            {
                return $"The BMP's header claims a colour table of {colours} colours; at most {MaxColours} are possible.";
            }
        }

        return null;
    }
}
