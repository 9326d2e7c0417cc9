namespace LocalMultimodal.Gguf;

/// <summary>A tensor as described in a GGUF header.</summary>
/// <param name="Name">The tensor name.</param>
/// <param name="Shape">The dimensions in ggml order (<c>ne[0]</c> varies fastest).</param>
/// <param name="Type">The ggml data type.</param>
/// <param name="Offset">Offset of the data, counted from the start of the data section.</param>
/// <param name="ByteSize">Size of the data in bytes.</param>
public sealed record GgufTensorInfo(string Name, long[] Shape, GgmlType Type, long Offset, long ByteSize)
{
    /// <summary>For messages: <c>[32, 1500]</c>.</summary>
    public string DescribeShape() => $"[{string.Join(", ", Shape)}]";
}
