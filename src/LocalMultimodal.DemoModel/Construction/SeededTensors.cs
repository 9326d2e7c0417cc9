using LocalMultimodal.Gguf;

namespace LocalMultimodal.Models;

/// <summary>Fills tensors with seeded Gaussian weights and biases; norm weights are 1.</summary>
internal sealed class SeededTensors(GgufDocument document, int seed, float std, GgmlType matrixType = GgmlType.F32)
    : TensorWriter(document, matrixType)
{
    private readonly SeededGaussian _random = new(seed);

    protected override float NormWeight => 1f;

    protected override float[] Values(long count) => _random.Fill(count, std);
}
