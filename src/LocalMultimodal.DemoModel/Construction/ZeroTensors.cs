using LocalMultimodal.Gguf;

namespace LocalMultimodal.Models;

/// <summary>
/// Fills tensors with zeros, norm weights included, so that a block written this way adds nothing to the
/// residual stream. Hand-built models write a layout with it and then replace the tensors that compute.
/// </summary>
internal sealed class ZeroTensors(GgufDocument document) : TensorWriter(document, GgmlType.F32)
{
    protected override float NormWeight => 0f;

    protected override float[] Values(long count) => new float[count];
}
