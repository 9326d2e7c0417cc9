using System.Buffers.Binary;

namespace LocalMultimodal.Fuzz.Parsers;

/// <summary>
/// One edit of a byte buffer, as plain data so that a property-test library can generate and shrink it:
/// <see cref="Kind"/> picks the edit, <see cref="Position"/> is taken modulo the length, <see cref="Data"/>
/// supplies the bytes.
/// </summary>
internal sealed record ByteMutation(int Kind, int Position, byte[] Data)
{
    public const int Kinds = 7;

    public static byte[] ApplyAll(byte[] input, IEnumerable<ByteMutation> mutations) =>
        mutations.Aggregate(input, (bytes, mutation) => mutation.Apply(bytes));

    public byte[] Apply(byte[] bytes)
    {
        int at = bytes.Length == 0 ? 0 : (int)((uint)Position % (uint)bytes.Length);
        var list = new List<byte>(bytes);
        switch (Kind % Kinds)
        {
            case 0: // overwrite bytes
                for (int i = 0; i < Data.Length && at + i < list.Count; i++)
                {
                    list[at + i] = Data[i];
                }

                break;
            case 1: // insert bytes
                list.InsertRange(at, Data);
                break;
            case 2: // delete a range
                list.RemoveRange(at, Math.Min(Data.Length, list.Count - at));
                break;
            case 3: // truncate
                list.RemoveRange(at, list.Count - at);
                break;
            case 4: // an edge-case 32-bit integer, where lengths and counts live
                if (at + 4 <= list.Count)
                {
                    uint[] edges = [0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe, 0x10000, (uint)list.Count];
                    Span<byte> four = stackalloc byte[4];
                    BinaryPrimitives.WriteUInt32LittleEndian(four, edges[(Data.Length > 0 ? Data[0] : 0) % edges.Length]);
                    for (int i = 0; i < 4; i++)
                    {
                        list[at + i] = four[i];
                    }
                }

                break;
            case 5: // duplicate a range
                list.InsertRange(at, list.Skip(at).Take(Math.Max(1, Data.Length * 8)).ToArray());
                break;
            default: // flip one bit
                if (list.Count > 0)
                {
                    list[at] ^= (byte)(1 << ((Data.Length > 0 ? Data[0] : 0) % 8));
                }

                break;
        }

        return [.. list];
    }
}
