namespace LocalMultimodal.Media.Tensors;

/// <summary>The element types the decoder reads, all little-endian; each becomes float32.</summary>
internal enum TensorElementType
{
    Float32,
    Float16,
    BFloat16,
    Float64,

    // Integer tensors carry model extras such as an image grid (t, h, w); exact in float32 up to 2^24.
    Int32,
    Int64,
}
