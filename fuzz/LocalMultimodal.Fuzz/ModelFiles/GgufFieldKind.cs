namespace LocalMultimodal.Fuzz.ModelFiles;

/// <summary>What a <see cref="GgufField"/> holds.</summary>
internal enum GgufFieldKind
{
    TensorCount,
    MetadataCount,
    KeyBytes,
    ValueType,
    Scalar,
    StringLength,
    StringBytes,
    ArrayElementType,
    ArrayLength,
    ArrayElement,
    TensorNameBytes,
    TensorDimensionCount,
    TensorDimension,
    TensorType,
    TensorOffset,
    TensorData,
}
