using LocalMultimodal.Gguf;

namespace LocalMultimodal.Models;

/// <summary>Adds seeded tensors to a document: Gaussian weights and biases, norm weights of 1.</summary>
internal sealed class SeededTensors(GgufDocument document, int seed, float std, GgmlType matrixType = GgmlType.F32)
{
    private readonly SeededGaussian _random = new(seed);

    public GgufDocument Document => document;

    /// <summary>A matmul or conv weight, stored as the matrix type (F32 or F16).</summary>
    public void Matrix(string name, params long[] shape) =>
        document.Add(new GgufTensor(name, shape, matrixType, _random.Fill(Count(shape), std)));

    /// <summary>A Gaussian tensor that must stay F32: biases, position and class embeddings.</summary>
    public void Gaussian(string name, params long[] shape) =>
        document.Add(new GgufTensor(name, shape, GgmlType.F32, _random.Fill(Count(shape), std)));

    /// <summary>A norm weight of ones.</summary>
    public void Ones(string name, long size)
    {
        var ones = new float[size];
        Array.Fill(ones, 1f);
        document.Add(new GgufTensor(name, [size], GgmlType.F32, ones));
    }

    /// <summary>A LayerNorm: weight of ones and a Gaussian bias.</summary>
    public void LayerNorm(string prefix, long size)
    {
        Ones($"{prefix}.weight", size);
        Gaussian($"{prefix}.bias", size);
    }

    /// <summary>A linear layer: <c>ne = [in, out]</c> weight plus an optional bias.</summary>
    public void Linear(string prefix, long inputs, long outputs, bool bias = true)
    {
        Matrix($"{prefix}.weight", inputs, outputs);
        if (bias)
        {
            Gaussian($"{prefix}.bias", outputs);
        }
    }

    private static long Count(long[] shape) => shape.Aggregate(1L, (product, n) => product * n);
}
