using System.Buffers.Binary;
using System.Text;

namespace LocalMultimodal.Fuzz.ModelFiles;

/// <summary>
/// The fields of a well-formed GGUF file (the generated fixtures) by byte position, so that a mutation can
/// change exactly one value, type, count, shape or name in place. Only reads files it knows to be valid.
/// </summary>
internal sealed class GgufHeaderMap
{
    private const long Alignment = 32;

    private readonly List<GgufField> _fields = [];

    private GgufHeaderMap(byte[] bytes)
    {
        Bytes = bytes;
        long at = 8;
        long tensors = Field64(ref at, GgufFieldKind.TensorCount, "header");
        long keys = Field64(ref at, GgufFieldKind.MetadataCount, "header");
        for (long i = 0; i < keys; i++)
        {
            string key = ReadString(ref at, GgufFieldKind.KeyBytes, "(key)", record: true);
            ReadValue(ref at, key, Field32(ref at, GgufFieldKind.ValueType, key));
        }

        var tensorInfos = new List<(string Name, long Offset, long Bytes)>();
        for (long i = 0; i < tensors; i++)
        {
            string name = ReadString(ref at, GgufFieldKind.TensorNameBytes, "(tensor)", record: true);
            uint dims = Field32(ref at, GgufFieldKind.TensorDimensionCount, name);
            long elements = 1;
            for (int d = 0; d < dims; d++)
            {
                elements *= Field64(ref at, GgufFieldKind.TensorDimension, name, d);
            }

            uint type = Field32(ref at, GgufFieldKind.TensorType, name);
            long offset = Field64(ref at, GgufFieldKind.TensorOffset, name);
            tensorInfos.Add((name, offset, type switch { 0 => elements * 4, 1 => elements * 2, _ => 0 }));
        }

        HeaderEnd = at;
        long dataStart = (at + Alignment - 1) / Alignment * Alignment;
        foreach ((string name, long offset, long size) in tensorInfos.Where(t => t.Bytes > 0))
        {
            _fields.Add(new GgufField(GgufFieldKind.TensorData, dataStart + offset, (int)Math.Min(size, int.MaxValue), name));
        }
    }

    public byte[] Bytes { get; }

    /// <summary>Where the tensor infos end (the data section starts at the next alignment).</summary>
    public long HeaderEnd { get; }

    public IReadOnlyList<GgufField> Fields => _fields;

    public static GgufHeaderMap Read(byte[] bytes) => new(bytes);

    public IEnumerable<GgufField> Of(GgufFieldKind kind) => _fields.Where(f => f.Kind == kind);

    public GgufField Find(GgufFieldKind kind, string name, int index = 0) =>
        _fields.FirstOrDefault(f => f.Kind == kind && f.Name == name && f.Index == index)
        ?? throw new InvalidOperationException($"The fixture has no {kind} field for '{name}'.");

    /// <summary>Records a 4-byte field at <paramref name="at"/>, reads it and moves past it.</summary>
    private uint Field32(ref long at, GgufFieldKind kind, string name)
    {
        _fields.Add(new GgufField(kind, at, 4, name));
        uint value = BinaryPrimitives.ReadUInt32LittleEndian(Bytes.AsSpan((int)at));
        at += 4;
        return value;
    }

    /// <summary>Records an 8-byte field at <paramref name="at"/>, reads it and moves past it.</summary>
    private long Field64(ref long at, GgufFieldKind kind, string name, int index = 0)
    {
        _fields.Add(new GgufField(kind, at, 8, name, Index: index));
        long value = (long)BinaryPrimitives.ReadUInt64LittleEndian(Bytes.AsSpan((int)at));
        at += 8;
        return value;
    }

    private string ReadString(ref long at, GgufFieldKind bytesKind, string owner, bool record)
    {
        long length = (long)BinaryPrimitives.ReadUInt64LittleEndian(Bytes.AsSpan((int)at));
        string text = Encoding.UTF8.GetString(Bytes, (int)at + 8, (int)length);
        if (record)
        {
            _fields.Add(new GgufField(GgufFieldKind.StringLength, at, 8, $"{owner} {text}"));
            if (length > 0)
            {
                _fields.Add(new GgufField(bytesKind, at + 8, (int)length, text));
            }
        }

        at += 8 + length;
        return text;
    }

    private void ReadValue(ref long at, string key, uint type)
    {
        switch (type)
        {
            case 8: // string
                ReadString(ref at, GgufFieldKind.StringBytes, key, record: true);
                break;
            case 9: // array
                uint elementType = Field32(ref at, GgufFieldKind.ArrayElementType, key);
                long length = Field64(ref at, GgufFieldKind.ArrayLength, key);
                for (long i = 0; i < length; i++)
                {
                    if (elementType == 8)
                    {
                        // Vocabulary arrays hold thousands of strings: record a few, skip the rest.
                        ReadString(ref at, GgufFieldKind.StringBytes, key, record: i < 4 || i % 257 == 0);
                    }
                    else
                    {
                        int size = ScalarSize(elementType);
                        if (i < 4 || i % 257 == 0)
                        {
                            _fields.Add(new GgufField(GgufFieldKind.ArrayElement, at, size, key, elementType, (int)i));
                        }

                        at += size;
                    }
                }

                break;
            default:
                int scalar = ScalarSize(type);
                _fields.Add(new GgufField(GgufFieldKind.Scalar, at, scalar, key, type));
                at += scalar;
                break;
        }
    }

    private static int ScalarSize(uint type) => type switch
    {
        0 or 1 or 7 => 1,
        2 or 3 => 2,
        4 or 5 or 6 => 4,
        10 or 11 or 12 => 8,
        _ => throw new InvalidOperationException($"Unknown GGUF value type {type} in a fixture."),
    };
}
