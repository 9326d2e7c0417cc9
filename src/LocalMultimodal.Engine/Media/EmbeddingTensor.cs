namespace LocalMultimodal.Media;

/// <summary>A dense float tensor: its shape (outermost first, like NumPy and PyTorch) and its values in row-major order.</summary>
public sealed class EmbeddingTensor
{
    /// <summary>Creates a tensor; the shape's product must equal the number of values.</summary>
    public EmbeddingTensor(IReadOnlyList<long> shape, ReadOnlyMemory<float> values)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long count = 1;
        foreach (long dimension in shape)
        {
            if (dimension < 0)
            {
                throw new ArgumentException("Tensor dimensions cannot be negative.", nameof(shape));
            }

            count = checked(count * dimension);
        }

        if (count != values.Length)
        {
            throw new ArgumentException($"A tensor of shape ({string.Join(", ", shape)}) holds {count} values, not {values.Length}.", nameof(values));
        }

        Shape = shape;
        Values = values;
    }

    /// <summary>The dimensions, outermost first.</summary>
    public IReadOnlyList<long> Shape { get; }

    /// <summary>The values, row-major.</summary>
    public ReadOnlyMemory<float> Values { get; }
}
