namespace LocalMultimodal.Gguf;

/// <summary>
/// The content of a GGUF file to write: metadata and tensors in insertion order (which fixes the bytes).
/// Mutable so that tests can derive malformed files from valid ones.
/// </summary>
public sealed class GgufDocument
{
    private readonly List<KeyValuePair<string, GgufValue>> _metadata = [];
    private readonly List<GgufTensor> _tensors = [];

    /// <summary>The metadata keys and values, in the order they are written.</summary>
    public IReadOnlyList<KeyValuePair<string, GgufValue>> Metadata => _metadata;

    /// <summary>The tensors, in the order they are written.</summary>
    public IReadOnlyList<GgufTensor> Tensors => _tensors;

    /// <summary>Sets a key, keeping its position when it exists already.</summary>
    public GgufDocument Set(string key, GgufValue value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        int index = _metadata.FindIndex(kv => kv.Key == key);
        if (index >= 0)
        {
            _metadata[index] = new(key, value);
        }
        else
        {
            _metadata.Add(new(key, value));
        }

        return this;
    }

    /// <summary>Removes a key; false when it was absent.</summary>
    public bool Remove(string key) => _metadata.RemoveAll(kv => kv.Key == key) > 0;

    /// <summary>The value of a key, or null when it is absent.</summary>
    public GgufValue? Find(string key) => _metadata.FirstOrDefault(kv => kv.Key == key).Value;

    /// <summary>Appends a tensor; its name must be new.</summary>
    public GgufDocument Add(GgufTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (FindTensor(tensor.Name) is not null)
        {
            throw new ArgumentException($"Tensor '{tensor.Name}' is already in the document.", nameof(tensor));
        }

        _tensors.Add(tensor);
        return this;
    }

    /// <summary>Replaces the tensor of the same name, keeping its position.</summary>
    public GgufDocument Replace(GgufTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        int index = _tensors.FindIndex(t => t.Name == tensor.Name);
        if (index < 0)
        {
            throw new ArgumentException($"Tensor '{tensor.Name}' is not in the document.", nameof(tensor));
        }

        _tensors[index] = tensor;
        return this;
    }

    /// <summary>Removes a tensor by name; false when it was absent.</summary>
    public bool RemoveTensor(string name) => _tensors.RemoveAll(t => t.Name == name) > 0;

    /// <summary>The tensor of a name, or null.</summary>
    public GgufTensor? FindTensor(string name) => _tensors.Find(t => t.Name == name);
}
