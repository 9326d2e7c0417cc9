using System.Buffers.Binary;
using System.Text;

namespace LocalMultimodal.Gguf;

/// <summary>
/// Little-endian reads from a file that refuse to run past its end, so that every length or count taken
/// from the file is checked against the bytes that remain before anything is allocated.
/// </summary>
internal sealed class GgufStreamReader
{
    private readonly Stream _stream;
    private readonly string _path;
    private readonly byte[] _scratch = new byte[8];

    public GgufStreamReader(Stream stream, string path)
    {
        _stream = stream;
        _path = path;
        Length = stream.Length;
    }

    public long Length { get; }

    public long Position { get; private set; }

    public long Remaining => Length - Position;

    public GgufFormatException Error(string problem) => new(_path, problem);

    public byte ReadByte() => Fill(1, "a byte")[0];

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Fill(2, "a u16"));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Fill(4, "a u32"));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Fill(8, "a u64"));

    public float ReadSingle() => BinaryPrimitives.ReadSingleLittleEndian(Fill(4, "an f32"));

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Fill(8, "an f64"));

    /// <summary>A GGUF string: u64 byte length, then UTF-8 bytes.</summary>
    public string ReadString(string what)
    {
        long start = Position;
        ulong length = ReadUInt64();
        if (length > (ulong)Remaining || length > int.MaxValue)
        {
            throw Error($"{what} at byte {start} claims {length} bytes but only {Remaining} remain (truncated or corrupt)");
        }

        var bytes = new byte[length];
        ReadExactly(bytes, what);
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>
    /// Checks that <paramref name="count"/> items of at least <paramref name="minItemBytes"/> bytes each can
    /// fit in what remains of the file, and returns the count as an int.
    /// </summary>
    public int CheckCount(ulong count, int minItemBytes, string what)
    {
        if (count > (ulong)(Remaining / minItemBytes) || count > int.MaxValue)
        {
            throw Error($"{what} is {count}, more than the {Remaining} remaining bytes can hold (truncated or corrupt)");
        }

        return (int)count;
    }

    private byte[] Fill(int count, string what)
    {
        ReadExactly(_scratch.AsSpan(0, count), what);
        return _scratch;
    }

    private void ReadExactly(Span<byte> buffer, string what)
    {
        if (buffer.Length > Remaining)
        {
            throw Error($"the file ends at byte {Length} while reading {what} at byte {Position} (truncated)");
        }

        _stream.ReadExactly(buffer);
        Position += buffer.Length;
    }
}
