namespace LocalMultimodal.Gguf;

/// <summary>The header of a GGUF file, as read and checked by <see cref="GgufReader"/>. Tensor data is not loaded.</summary>
internal sealed class GgufFile
{
    private readonly Dictionary<string, GgufTensorInfo> _tensorsByName;

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

    public string Path { get; }

    public uint Version { get; }

    public IReadOnlyDictionary<string, GgufValue> Metadata { get; }

    public IReadOnlyList<GgufTensorInfo> Tensors { get; }

    /// <summary>Where the data section starts, counted from the start of the file.</summary>
    public long DataOffset { get; }

    public GgufTensorInfo? FindTensor(string name) => _tensorsByName.GetValueOrDefault(name);

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
