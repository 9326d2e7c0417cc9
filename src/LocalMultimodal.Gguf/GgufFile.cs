namespace LocalMultimodal.Gguf;

/// <summary>The header of a GGUF file, as read and checked by <see cref="GgufReader"/>. Tensor data is not loaded.</summary>
public sealed class GgufFile
{
    private readonly Dictionary<string, GgufTensorInfo> _tensorsByName;

    /// <summary>A header read from <paramref name="path"/>.</summary>
    public GgufFile(
        string path,
        uint version,
        IReadOnlyDictionary<string, GgufValue> metadata,
        IReadOnlyList<GgufTensorInfo> tensors,
        long dataOffset)
    {
        Path = path;
        Version = version;
        Metadata = metadata;
        Tensors = tensors;
        DataOffset = dataOffset;
        _tensorsByName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>The file that was read.</summary>
    public string Path { get; }

    /// <summary>The GGUF version (2 or 3).</summary>
    public uint Version { get; }

    /// <summary>The metadata by key.</summary>
    public IReadOnlyDictionary<string, GgufValue> Metadata { get; }

    /// <summary>The tensor infos in file order.</summary>
    public IReadOnlyList<GgufTensorInfo> Tensors { get; }

    /// <summary>Where the data section starts, counted from the start of the file.</summary>
    public long DataOffset { get; }

    /// <summary>The info of a tensor, or null when the file has no tensor of that name.</summary>
    public GgufTensorInfo? FindTensor(string name) => _tensorsByName.GetValueOrDefault(name);

    /// <summary>Whether the file has a tensor of that name.</summary>
    public bool HasTensor(string name) => _tensorsByName.ContainsKey(name);

    /// <summary>The string value of <paramref name="key"/>, or null when it is absent or not a string.</summary>
    public string? GetString(string key) => Find(key, GgufValueType.String)?.As<string>();

    /// <summary>The bool value of <paramref name="key"/>, or null when it is absent or not a bool.</summary>
    public bool? GetBool(string key) => Find(key, GgufValueType.Bool)?.As<bool>();

    /// <summary>The u32 value of <paramref name="key"/>, or null when it is absent or not a u32.</summary>
    public uint? GetUInt32(string key) => Find(key, GgufValueType.UInt32)?.As<uint>();

    private GgufValue? Find(string key, GgufValueType type) =>
        Metadata.TryGetValue(key, out GgufValue? value) && value.Type == type ? value : null;
}
