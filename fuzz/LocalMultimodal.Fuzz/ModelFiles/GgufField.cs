namespace LocalMultimodal.Fuzz.ModelFiles;

/// <summary>One field of a GGUF header: where its bytes are, what it is, and its value when numeric.</summary>
/// <param name="Kind">What the field holds.</param>
/// <param name="Offset">Byte offset in the file.</param>
/// <param name="Size">Bytes of the field.</param>
/// <param name="Name">The key or tensor it belongs to, for descriptions.</param>
/// <param name="ValueType">For a <see cref="GgufFieldKind.Scalar"/>: its GGUF value type number.</param>
/// <param name="Index">For a dimension: which one; for an array element: its index.</param>
internal sealed record GgufField(GgufFieldKind Kind, long Offset, int Size, string Name, uint ValueType = 0, int Index = 0);
