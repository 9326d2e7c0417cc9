namespace LocalMultimodal.Media.Tensors;

/// <summary>The serializations <see cref="TensorDecoder"/> recognises.</summary>
internal enum TensorFormat
{
    Torch,
    Npy,
    Safetensors,
}
