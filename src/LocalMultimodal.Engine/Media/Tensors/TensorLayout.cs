namespace LocalMultimodal.Media.Tensors;

/// <summary>
/// How a tensor's elements sit in its raw little-endian storage: shape, strides and offset in
/// elements, as PyTorch describes a view. NumPy and safetensors data are the row-major case.
/// </summary>
internal sealed record TensorLayout(TensorElementType ElementType, long[] Shape, long[] Strides, long Offset)
{
    public static TensorLayout RowMajor(TensorElementType elementType, long[] shape)
    {
        var strides = new long[shape.Length];
        long stride = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = stride;
            stride *= shape[i];
        }

        return new TensorLayout(elementType, shape, strides, 0);
    }

    /// <summary>Column-major (NumPy's fortran_order): the first dimension varies fastest.</summary>
    public static TensorLayout ColumnMajor(TensorElementType elementType, long[] shape)
    {
        var strides = new long[shape.Length];
        long stride = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            strides[i] = stride;
            stride *= shape[i];
        }

        return new TensorLayout(elementType, shape, strides, 0);
    }
}
