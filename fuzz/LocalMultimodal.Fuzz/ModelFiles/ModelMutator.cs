using System.Buffers.Binary;
using System.Globalization;

namespace LocalMultimodal.Fuzz.ModelFiles;

/// <summary>
/// Seeded mutations of a well-formed GGUF file: one to three changes to the header (counts, value types,
/// values, string and array lengths), the tensor table (names, dimension counts, dimensions, types, offsets)
/// or, rarely, a weight. The same map and seed always give the same bytes and description.
/// </summary>
internal static class ModelMutator
{
    private static readonly GgufFieldKind[] Kinds =
    [
        GgufFieldKind.Scalar, GgufFieldKind.Scalar, GgufFieldKind.Scalar, GgufFieldKind.Scalar,
        GgufFieldKind.TensorDimension, GgufFieldKind.TensorDimension, GgufFieldKind.TensorDimension,
        GgufFieldKind.TensorNameBytes, GgufFieldKind.TensorNameBytes, GgufFieldKind.TensorNameBytes,
        GgufFieldKind.TensorType, GgufFieldKind.TensorType,
        GgufFieldKind.TensorDimensionCount, GgufFieldKind.TensorOffset,
        GgufFieldKind.ValueType, GgufFieldKind.ValueType, GgufFieldKind.KeyBytes, GgufFieldKind.KeyBytes,
        GgufFieldKind.StringBytes, GgufFieldKind.StringLength, GgufFieldKind.ArrayElementType,
        GgufFieldKind.ArrayLength, GgufFieldKind.ArrayLength, GgufFieldKind.ArrayElement, GgufFieldKind.ArrayElement,
        GgufFieldKind.TensorCount, GgufFieldKind.MetadataCount, GgufFieldKind.TensorData,
    ];

    /// <summary>Mutates a copy of the map's bytes with the generator seeded by <paramref name="seed"/>.</summary>
    public static (byte[] Bytes, string Description) Mutate(GgufHeaderMap map, int seed)
    {
        var random = new Random(seed);
        byte[] bytes = (byte[])map.Bytes.Clone();
        int count = random.Next(10) switch { < 7 => 1, < 9 => 2, _ => 3 };
        var done = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            done.Add(random.Next(12) == 0 ? FlipBytes(bytes, map, random) : MutateField(bytes, map, random));
        }

        return (bytes, string.Join("; ", done));
    }

    private static string MutateField(byte[] bytes, GgufHeaderMap map, Random random)
    {
        GgufFieldKind kind = Kinds[random.Next(Kinds.Length)];
        GgufField[] fields = map.Of(kind).ToArray();
        if (fields.Length == 0)
        {
            return FlipBytes(bytes, map, random);
        }

        GgufField field = fields[random.Next(fields.Length)];
        string where = $"{kind} of '{field.Name}'" + (kind is GgufFieldKind.TensorDimension or GgufFieldKind.ArrayElement ? $"[{field.Index}]" : string.Empty);
        switch (kind)
        {
            case GgufFieldKind.TensorNameBytes or GgufFieldKind.KeyBytes or GgufFieldKind.StringBytes:
                int at = (int)field.Offset + random.Next(field.Size);
                byte old = bytes[at];
                bytes[at] = random.Next(4) == 0 ? (byte)random.Next(256) : (byte)(old == 'z' ? 'y' : old + 1);
                return $"{where}: byte {at - field.Offset} '{(char)old}' -> 0x{bytes[at]:x2}";
            case GgufFieldKind.TensorData:
                // Weights are data, not structure: a NaN or a huge value must give an answer, not a crash.
                int element = random.Next(field.Size / 4) * 4;
                float[] specials = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 3e38f];
                float special = specials[random.Next(specials.Length)];
                if (field.Size >= 4)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan((int)field.Offset + element, 4), special);
                }

                return $"{where}: 4 bytes at {element} -> {special.ToString(CultureInfo.InvariantCulture)}";
            case GgufFieldKind.Scalar or GgufFieldKind.ArrayElement:
                return $"{where}: {SetScalar(bytes, field, random)}";
            default:
                return $"{where}: {SetInteger(bytes, field, random)}";
        }
    }

    private static string SetInteger(byte[] bytes, GgufField field, Random random)
    {
        Span<byte> span = bytes.AsSpan((int)field.Offset, field.Size);
        ulong old = field.Size == 8 ? BinaryPrimitives.ReadUInt64LittleEndian(span) : BinaryPrimitives.ReadUInt32LittleEndian(span);
        ulong value = field.Kind switch
        {
            GgufFieldKind.ValueType or GgufFieldKind.ArrayElementType => random.Next(8) == 0 ? (ulong)random.Next(13, 1 << 16) : (ulong)random.Next(13),
            GgufFieldKind.TensorType => random.Next(8) == 0 ? (ulong)random.Next(40, 1 << 16) : (ulong)random.Next(40),
            GgufFieldKind.TensorDimensionCount => (ulong)random.Next(6),
            GgufFieldKind.TensorOffset => Interesting(old, random, step: 32),
            _ => Interesting(old, random, step: 1),
        };
        if (field.Size == 8)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(span, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)value);
        }

        return $"{old} -> {(field.Size == 8 ? value : (uint)value)}";
    }

    private static string SetScalar(byte[] bytes, GgufField field, Random random)
    {
        Span<byte> span = bytes.AsSpan((int)field.Offset, field.Size);
        switch (field.ValueType)
        {
            case 6: // f32
                float f = BinaryPrimitives.ReadSingleLittleEndian(span);
                float[] floats = [0f, -1f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1e30f, -f, f * 2, float.Epsilon];
                float nf = floats[random.Next(floats.Length)];
                BinaryPrimitives.WriteSingleLittleEndian(span, nf);
                return $"{f.ToString(CultureInfo.InvariantCulture)} -> {nf.ToString(CultureInfo.InvariantCulture)}";
            case 12: // f64
                double d = BinaryPrimitives.ReadDoubleLittleEndian(span);
                double nd = random.Next(2) == 0 ? double.NaN : -d;
                BinaryPrimitives.WriteDoubleLittleEndian(span, nd);
                return $"{d.ToString(CultureInfo.InvariantCulture)} -> {nd.ToString(CultureInfo.InvariantCulture)}";
            default:
                ulong old = field.Size switch
                {
                    1 => span[0],
                    2 => BinaryPrimitives.ReadUInt16LittleEndian(span),
                    4 => BinaryPrimitives.ReadUInt32LittleEndian(span),
                    _ => BinaryPrimitives.ReadUInt64LittleEndian(span),
                };
                ulong value = Interesting(old, random, step: 1);
                switch (field.Size)
                {
                    case 1: span[0] = (byte)value; break;
                    case 2: BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)value); break;
                    case 4: BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)value); break;
                    default: BinaryPrimitives.WriteUInt64LittleEndian(span, value); break;
                }

                ulong mask = field.Size == 8 ? ulong.MaxValue : (1UL << (8 * field.Size)) - 1;
                return $"{old} -> {value & mask}";
        }
    }

    /// <summary>Values near the old one and at the edges, where size and index arithmetic goes wrong.</summary>
    private static ulong Interesting(ulong old, Random random, ulong step) => random.Next(16) switch
    {
        0 => 0,
        1 => 1,
        2 => old + step,
        3 => old - step,
        4 => old * 2,
        5 => old / 2,
        6 => old + (1UL << 48),
        7 => uint.MaxValue,
        8 => int.MaxValue + 1UL,
        9 => long.MaxValue,
        10 => ulong.MaxValue,
        11 => old * 3 / 2,
        12 => (ulong)random.Next(2, 64),
        13 => old + (ulong)random.Next(2, 9) * step,
        14 => old == 0 ? 1 : old - 1 - (ulong)random.NextInt64((long)Math.Min(old, int.MaxValue)),
        _ => (ulong)random.NextInt64(),
    };

    private static string FlipBytes(byte[] bytes, GgufHeaderMap map, Random random)
    {
        int n = random.Next(1, 4);
        var changed = new List<string>(n);
        for (int i = 0; i < n; i++)
        {
            int at = 24 + random.Next((int)map.HeaderEnd - 24);
            byte old = bytes[at];
            bytes[at] = (byte)random.Next(256);
            changed.Add($"@{at} 0x{old:x2} -> 0x{bytes[at]:x2}");
        }

        return $"header bytes {string.Join(", ", changed)}";
    }
}
