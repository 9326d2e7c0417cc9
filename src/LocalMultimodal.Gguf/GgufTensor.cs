namespace LocalMultimodal.Gguf;

/// <summary>
/// A tensor to write: its name, its shape in ggml order (<c>ne[0]</c> varies fastest, the reverse of torch's
/// shape) and its float data, stored as <see cref="Type"/> (F32 or F16).
/// </summary>
public sealed class GgufTensor
{
    /// <summary>A tensor of F32 or F16 type whose shape holds exactly <c>data.Length</c> values.</summary>
    public GgufTensor(string name, long[] shape, GgmlType type, float[] data)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        if (type is not (GgmlType.F32 or GgmlType.F16))
        {
            throw new ArgumentException($"Only F32 and F16 tensors can be written, not {type}.", nameof(type));
        }

        if (shape.Length is 0 or > GgufConstants.MaxDimensions || shape.Any(n => n <= 0))
        {
            throw new ArgumentException($"Tensor '{name}' has an invalid shape [{string.Join(", ", shape)}].", nameof(shape));
        }

        long count = shape.Aggregate(1L, (product, n) => checked(product * n));
        if (count != data.Length)
        {
            throw new ArgumentException($"Tensor '{name}' has shape [{string.Join(", ", shape)}] but {data.Length} values.", nameof(data));
        }

        Name = name;
        Shape = shape;
        Type = type;
        Data = data;
    }

    /// <summary>The tensor name.</summary>
    public string Name { get; }

    /// <summary>The dimensions in ggml order.</summary>
    public long[] Shape { get; }

    /// <summary>The stored type, F32 or F16.</summary>
    public GgmlType Type { get; }

    /// <summary>The values, row-major in ggml order.</summary>
    public float[] Data { get; }

    /// <summary>The size of the stored data in bytes.</summary>
    public long ByteSize => Data.LongLength * (Type == GgmlType.F32 ? sizeof(float) : 2);

    /// <summary>The same tensor stored as another type (the values are kept; F16 rounds them).</summary>
    public GgufTensor WithType(GgmlType type) => new(Name, Shape, type, Data);
}
