using System.Text;

namespace LocalMultimodal.Gguf;

/// <summary>
/// Serialises a <see cref="GgufDocument"/> as GGUF v3: little-endian, tensor data aligned to 32 bytes with
/// exactly sequential offsets (the only layout llama.cpp accepts). The same document always gives the same bytes.
/// </summary>
public static class GgufWriter
{
    /// <summary>The bytes of a GGUF v3 file holding <paramref name="document"/>; the same document always gives the same bytes.</summary>
    public static byte[] ToBytes(GgufDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        long alignment = document.Find(GgufConstants.AlignmentKey) is { Type: GgufValueType.UInt32 } a
            ? a.As<uint>()
            : GgufConstants.DefaultAlignment;

        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(GgufConstants.Magic);
        writer.Write(GgufConstants.Version);
        writer.Write((ulong)document.Tensors.Count);
        writer.Write((ulong)document.Metadata.Count);
        foreach (var (key, value) in document.Metadata)
        {
            WriteString(writer, key);
            writer.Write((uint)value.Type);
            WriteValue(writer, value);
        }

        var offsets = new long[document.Tensors.Count];
        long offset = 0;
        for (int i = 0; i < offsets.Length; i++)
        {
            GgufTensor tensor = document.Tensors[i];
            WriteString(writer, tensor.Name);
            writer.Write((uint)tensor.Shape.Length);
            foreach (long n in tensor.Shape)
            {
                writer.Write((ulong)n);
            }

            writer.Write((uint)tensor.Type);
            writer.Write((ulong)offset);
            offsets[i] = offset;
            offset += GgufConstants.Align(tensor.ByteSize, alignment);
        }

        long dataStart = GgufConstants.Align(stream.Position, alignment);
        for (int i = 0; i < offsets.Length; i++)
        {
            PadTo(writer, dataStart + offsets[i]);
            WriteTensorData(writer, document.Tensors[i]);
        }

        PadTo(writer, GgufConstants.Align(stream.Position, alignment));
        writer.Flush();
        return stream.ToArray();
    }

    /// <summary>Writes <paramref name="document"/> to <paramref name="path"/>.</summary>
    public static void WriteFile(GgufDocument document, string path) => File.WriteAllBytes(path, ToBytes(document));

    private static void PadTo(BinaryWriter writer, long position)
    {
        while (writer.BaseStream.Position < position)
        {
            writer.Write((byte)0);
        }
    }

    private static void WriteTensorData(BinaryWriter writer, GgufTensor tensor)
    {
        foreach (float value in tensor.Data)
        {
            if (tensor.Type == GgmlType.F32)
            {
                writer.Write(value);
            }
            else
            {
                writer.Write((Half)value); // IEEE round-to-nearest-even, as numpy's float16
            }
        }
    }

    private static void WriteString(BinaryWriter writer, string value)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(value);
        writer.Write((ulong)bytes.Length);
        writer.Write(bytes);
    }

    private static void WriteValue(BinaryWriter writer, GgufValue value)
    {
        if (value.Type != GgufValueType.Array)
        {
            WriteScalar(writer, value.Type, value.Value);
            return;
        }

        var items = (Array)value.Value;
        writer.Write((uint)value.ElementType);
        writer.Write((ulong)items.Length);
        foreach (object? item in items)
        {
            WriteScalar(writer, value.ElementType, item!);
        }
    }

    private static void WriteScalar(BinaryWriter writer, GgufValueType type, object value)
    {
        switch (type)
        {
            case GgufValueType.UInt8: writer.Write((byte)value); break;
            case GgufValueType.Int8: writer.Write((sbyte)value); break;
            case GgufValueType.UInt16: writer.Write((ushort)value); break;
            case GgufValueType.Int16: writer.Write((short)value); break;
            case GgufValueType.UInt32: writer.Write((uint)value); break;
            case GgufValueType.Int32: writer.Write((int)value); break;
            case GgufValueType.Float32: writer.Write((float)value); break;
            case GgufValueType.Bool: writer.Write((bool)value ? (byte)1 : (byte)0); break;
            case GgufValueType.String: WriteString(writer, (string)value); break;
            case GgufValueType.UInt64: writer.Write((ulong)value); break;
            case GgufValueType.Int64: writer.Write((long)value); break;
            case GgufValueType.Float64: writer.Write((double)value); break;
            default: throw new ArgumentOutOfRangeException(nameof(type), type, "Nested arrays are not written.");
        }
    }
}
