using LocalMultimodal.Gguf;

namespace LocalMultimodal.Models;

/// <summary>
/// Adds tensors to a document by role (matmul weights, F32 vectors, norms), so that an architecture's tensor
/// layout is written once and filled either with seeded weights or with zeros for hand-built models.
/// </summary>
internal abstract class TensorWriter(GgufDocument document, GgmlType matrixType)
{
    public GgufDocument Document => document;

    /// <summary>The weight of a norm layer (1 for the random fixtures).</summary>
    protected abstract float NormWeight { get; }

    /// <summary>A matmul or conv weight, stored as the matrix type (F32 or F16).</summary>
    public void Matrix(string name, params long[] shape) =>
        document.Add(new GgufTensor(name, shape, matrixType, Values(Count(shape))));

    /// <summary>A tensor that must stay F32: biases, position and class embeddings.</summary>
    public void Vector(string name, params long[] shape) =>
        document.Add(new GgufTensor(name, shape, GgmlType.F32, Values(Count(shape))));

    /// <summary>A norm weight of ones.</summary>
    public void Ones(string name, long size) => Constant(name, size, 1f);

    /// <summary>A LayerNorm: weight of <see cref="NormWeight"/> and a bias.</summary>
    public void LayerNorm(string prefix, long size)
    {
        Constant($"{prefix}.weight", size, NormWeight);
        Vector($"{prefix}.bias", size);
    }

    /// <summary>An RMSNorm: a weight of <see cref="NormWeight"/>, no bias.</summary>
    public void RmsNorm(string prefix, long size) => Constant($"{prefix}.weight", size, NormWeight);

    /// <summary>A linear layer: <c>ne = [in, out]</c> weight plus an optional bias.</summary>
    public void Linear(string prefix, long inputs, long outputs, bool bias = true)
    {
        Matrix($"{prefix}.weight", inputs, outputs);
        if (bias)
        {
            Vector($"{prefix}.bias", outputs);
        }
    }

    /// <summary>The values of the next weight or vector.</summary>
    protected abstract float[] Values(long count);

    private void Constant(string name, long size, float value) => document.Add(F32Tensors.Constant(name, checked((int)size), value));

    private static long Count(long[] shape) => shape.Aggregate(1L, (product, n) => product * n);
}
