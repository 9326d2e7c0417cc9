namespace LocalMultimodal.Gguf;

/// <summary>
/// Reads and checks the header of a GGUF v2/v3 file: magic, version, metadata, tensor infos, and that every
/// tensor's data lies at its expected sequential, aligned offset inside the file. Safe on hostile input:
/// every allocation is bounded by the bytes left in the file, and every failure is a
/// <see cref="GgufFormatException"/> naming the file.
/// </summary>
public static class GgufReader
{
    // Smallest possible encodings, used to bound counts against the remaining bytes.
    private const int MinMetadataBytes = 8 + 4 + 1;           // empty key, type, 1-byte value
    private const int MinTensorInfoBytes = 8 + 4 + 8 + 4 + 8; // empty name, n_dims, one ne, type, offset

    /// <summary>Reads and checks the header of the file at <paramref name="path"/>.</summary>
    public static GgufFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
            return Read(stream, path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new GgufFormatException(path, "the file does not exist", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new GgufFormatException(path, $"the file cannot be read ({e.Message})", e);
        }
    }

    /// <summary>Reads from a seekable stream; <paramref name="path"/> names it in errors.</summary>
    public static GgufFile Read(Stream stream, string path)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            return Read(new GgufStreamReader(stream, path), path);
        }
        catch (OverflowException e)
        {
            throw new GgufFormatException(path, "a tensor size overflows 64 bits", e);
        }
    }

    private static GgufFile Read(GgufStreamReader reader, string path)
    {
        if (reader.Length < 4 || reader.ReadUInt32() != GgufConstants.Magic)
        {
            throw reader.Error("it does not start with the magic \"GGUF\"");
        }

        uint version = reader.ReadUInt32();
        if (version is < 2 or > GgufConstants.Version)
        {
            throw reader.Error($"version {version} is not supported (2 or 3 expected)");
        }

        ulong tensorCount = reader.ReadUInt64();
        ulong metadataCount = reader.ReadUInt64();
        int kvCount = reader.CheckCount(metadataCount, MinMetadataBytes, "the metadata count");
        var metadata = new Dictionary<string, GgufValue>(kvCount, StringComparer.Ordinal);
        for (int i = 0; i < kvCount; i++)
        {
            string key = reader.ReadString($"metadata key #{i}");
            GgufValue value = ReadValue(reader, key);
            if (!metadata.TryAdd(key, value))
            {
                throw reader.Error($"metadata key '{key}' appears twice");
            }
        }

        long alignment = ReadAlignment(reader, metadata);
        int count = reader.CheckCount(tensorCount, MinTensorInfoBytes, "the tensor count");
        var tensors = new List<GgufTensorInfo>(count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            GgufTensorInfo tensor = ReadTensorInfo(reader, i);
            if (!names.Add(tensor.Name))
            {
                throw reader.Error($"tensor '{tensor.Name}' appears twice");
            }

            tensors.Add(tensor);
        }

        long dataOffset = GgufConstants.Align(reader.Position, alignment);
        CheckTensorLayout(reader, tensors, dataOffset, alignment);
        return new GgufFile(path, version, metadata, tensors, dataOffset);
    }

    private static GgufValue ReadValue(GgufStreamReader reader, string key)
    {
        var type = (GgufValueType)reader.ReadUInt32();
        if (type != GgufValueType.Array)
        {
            return ReadScalar(reader, type, key);
        }

        var elementType = (GgufValueType)reader.ReadUInt32();
        int minBytes = ScalarSize(elementType)
            ?? throw reader.Error($"metadata key '{key}' is an array of unsupported type {(uint)elementType}");
        int length = reader.CheckCount(reader.ReadUInt64(), minBytes, $"the length of array '{key}'");
        return elementType switch
        {
            GgufValueType.UInt8 => GgufValue.Array(ReadArray(length, () => reader.ReadByte())),
            GgufValueType.Int8 => GgufValue.Array(ReadArray(length, () => (sbyte)reader.ReadByte())),
            GgufValueType.UInt16 => GgufValue.Array(ReadArray(length, reader.ReadUInt16)),
            GgufValueType.Int16 => GgufValue.Array(ReadArray(length, () => (short)reader.ReadUInt16())),
            GgufValueType.UInt32 => GgufValue.Array(ReadArray(length, reader.ReadUInt32)),
            GgufValueType.Int32 => GgufValue.Array(ReadArray(length, () => (int)reader.ReadUInt32())),
            GgufValueType.Float32 => GgufValue.Array(ReadArray(length, reader.ReadSingle)),
            GgufValueType.Bool => GgufValue.Array(ReadArray(length, () => ReadBool(reader, key))),
            GgufValueType.String => GgufValue.Array(ReadArray(length, () => reader.ReadString($"an element of array '{key}'"))),
            GgufValueType.UInt64 => GgufValue.Array(ReadArray(length, reader.ReadUInt64)),
            GgufValueType.Int64 => GgufValue.Array(ReadArray(length, () => (long)reader.ReadUInt64())),
            _ => GgufValue.Array(ReadArray(length, reader.ReadDouble)),
        };
    }

    private static T[] ReadArray<T>(int length, Func<T> read)
    {
        var items = new T[length];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = read();
        }

        return items;
    }

    private static GgufValue ReadScalar(GgufStreamReader reader, GgufValueType type, string key) => type switch
    {
        GgufValueType.UInt8 => GgufValue.UInt8(reader.ReadByte()),
        GgufValueType.Int8 => GgufValue.Int8((sbyte)reader.ReadByte()),
        GgufValueType.UInt16 => GgufValue.UInt16(reader.ReadUInt16()),
        GgufValueType.Int16 => GgufValue.Int16((short)reader.ReadUInt16()),
        GgufValueType.UInt32 => GgufValue.UInt32(reader.ReadUInt32()),
        GgufValueType.Int32 => GgufValue.Int32((int)reader.ReadUInt32()),
        GgufValueType.Float32 => GgufValue.Float32(reader.ReadSingle()),
        GgufValueType.Bool => GgufValue.Bool(ReadBool(reader, key)),
        GgufValueType.String => GgufValue.String(reader.ReadString($"the value of '{key}'")),
        GgufValueType.UInt64 => GgufValue.UInt64(reader.ReadUInt64()),
        GgufValueType.Int64 => GgufValue.Int64((long)reader.ReadUInt64()),
        GgufValueType.Float64 => GgufValue.Float64(reader.ReadDouble()),
        _ => throw reader.Error($"metadata key '{key}' has unknown value type {(uint)type}"),
    };

    private static bool ReadBool(GgufStreamReader reader, string key) => reader.ReadByte() switch
    {
        0 => false,
        1 => true,
        var b => throw reader.Error($"metadata key '{key}' holds the bool byte {b}, not 0 or 1"),
    };

    /// <summary>Bytes per element on disk; strings count their 8-byte length prefix. Null for nested arrays.</summary>
    private static int? ScalarSize(GgufValueType type) => type switch
    {
        GgufValueType.UInt8 or GgufValueType.Int8 or GgufValueType.Bool => 1,
        GgufValueType.UInt16 or GgufValueType.Int16 => 2,
        GgufValueType.UInt32 or GgufValueType.Int32 or GgufValueType.Float32 => 4,
        GgufValueType.UInt64 or GgufValueType.Int64 or GgufValueType.Float64 or GgufValueType.String => 8,
        _ => null,
    };

    private static long ReadAlignment(GgufStreamReader reader, Dictionary<string, GgufValue> metadata)
    {
        if (!metadata.TryGetValue(GgufConstants.AlignmentKey, out GgufValue? value))
        {
            return GgufConstants.DefaultAlignment;
        }

        if (value.Type != GgufValueType.UInt32 || value.As<uint>() is 0 or > 1 << 20 || !uint.IsPow2(value.As<uint>()))
        {
            throw reader.Error($"'{GgufConstants.AlignmentKey}' must be a u32 power of two, not {value.Describe()} {value.Value}");
        }

        return value.As<uint>();
    }

    private static GgufTensorInfo ReadTensorInfo(GgufStreamReader reader, int index)
    {
        string name = reader.ReadString($"the name of tensor #{index}");
        if (System.Text.Encoding.UTF8.GetByteCount(name) >= GgufConstants.MaxTensorNameBytes)
        {
            throw reader.Error($"tensor name '{name[..Math.Min(name.Length, 80)]}' is {GgufConstants.MaxTensorNameBytes} bytes or longer");
        }

        uint dimensions = reader.ReadUInt32();
        if (dimensions is 0 or > GgufConstants.MaxDimensions)
        {
            throw reader.Error($"tensor '{name}' has {dimensions} dimensions (1 to {GgufConstants.MaxDimensions} allowed)");
        }

        var shape = new long[dimensions];
        long elements = 1;
        for (int d = 0; d < shape.Length; d++)
        {
            ulong n = reader.ReadUInt64();
            if (n > long.MaxValue)
            {
                throw reader.Error($"tensor '{name}' has a negative dimension");
            }

            shape[d] = (long)n;
            elements = checked(elements * shape[d]);
        }

        var type = (GgmlType)reader.ReadUInt32();
        if (!GgmlTypeSizes.TryGet(type, out int blockSize, out int typeSize))
        {
            throw reader.Error($"tensor '{name}' has unknown ggml type {(uint)type}");
        }

        if (shape[0] % blockSize != 0)
        {
            throw reader.Error($"tensor '{name}' has ne[0] = {shape[0]}, not a multiple of the {type} block size {blockSize}");
        }

        long byteSize = checked(elements / blockSize * typeSize);
        ulong offset = reader.ReadUInt64();
        if (offset > long.MaxValue)
        {
            throw reader.Error($"tensor '{name}' has offset {offset}, beyond any file");
        }

        return new GgufTensorInfo(name, shape, type, (long)offset, byteSize);
    }

    private static void CheckTensorLayout(GgufStreamReader reader, List<GgufTensorInfo> tensors, long dataOffset, long alignment)
    {
        // llama.cpp accepts only back-to-back tensors, each padded to the alignment.
        long expected = 0;
        foreach (GgufTensorInfo tensor in tensors)
        {
            if (tensor.Offset != expected)
            {
                throw reader.Error($"tensor '{tensor.Name}' has offset {tensor.Offset}, expected {expected}");
            }

            long end = checked(dataOffset + tensor.Offset + tensor.ByteSize);
            if (end > reader.Length)
            {
                throw reader.Error($"the data of tensor '{tensor.Name}' ends at byte {end}, past the end of the file at {reader.Length} (truncated)");
            }

            expected = checked(expected + GgufConstants.Align(tensor.ByteSize, alignment));
        }
    }
}
