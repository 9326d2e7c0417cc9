using System.Buffers.Binary;
using System.Text;

namespace LocalMultimodal.Fuzz.ModelFiles;

/// <summary>
/// Named, in-place changes to a fixture's bytes, for regression tests that spell out the mutation a fuzz run
/// found (so they stay the same file when the mutator changes).
/// </summary>
internal static class GgufPatch
{
    public static byte[] SetUInt32(GgufHeaderMap map, string key, uint value) =>
        Patch(map, map.Find(GgufFieldKind.Scalar, key), span => BinaryPrimitives.WriteUInt32LittleEndian(span, value));

    public static byte[] SetFloat32(GgufHeaderMap map, string key, float value) =>
        Patch(map, map.Find(GgufFieldKind.Scalar, key), span => BinaryPrimitives.WriteSingleLittleEndian(span, value));

    public static byte[] SetTensorType(GgufHeaderMap map, string tensor, uint type) =>
        Patch(map, map.Find(GgufFieldKind.TensorType, tensor), span => BinaryPrimitives.WriteUInt32LittleEndian(span, type));

    /// <summary>Renames a tensor to a name of the same byte length (so nothing else moves): it goes missing.</summary>
    public static byte[] RenameTensor(GgufHeaderMap map, string tensor, string newName)
    {
        byte[] name = Encoding.UTF8.GetBytes(newName);
        GgufField field = map.Find(GgufFieldKind.TensorNameBytes, tensor);
        return name.Length == field.Size
            ? Patch(map, field, span => name.CopyTo(span))
            : throw new ArgumentException($"'{newName}' must have the byte length of '{tensor}'.", nameof(newName));
    }

    /// <summary>Replaces one length-prefixed string (a key, a value or a vocabulary entry) by one of the same length.</summary>
    public static byte[] ReplaceString(GgufHeaderMap map, string old, string replacement)
    {
        byte[] from = Prefixed(old);
        byte[] to = Prefixed(replacement);
        int at = map.Bytes.AsSpan().IndexOf(from);
        if (at < 0 || from.Length != to.Length || map.Bytes.AsSpan(at + 1).IndexOf(from) >= 0)
        {
            throw new ArgumentException($"'{old}' must occur once, and '{replacement}' have its length.", nameof(old));
        }

        byte[] bytes = (byte[])map.Bytes.Clone();
        to.CopyTo(bytes, at);
        return bytes;
    }

    /// <summary>Sets every dimension of a tensor (as many as it has).</summary>
    public static byte[] SetDimensions(GgufHeaderMap map, string tensor, params ulong[] dimensions)
    {
        byte[] bytes = (byte[])map.Bytes.Clone();
        for (int d = 0; d < dimensions.Length; d++)
        {
            GgufField field = map.Find(GgufFieldKind.TensorDimension, tensor, d);
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan((int)field.Offset, 8), dimensions[d]);
        }

        return bytes;
    }

    private static byte[] Patch(GgufHeaderMap map, GgufField field, SpanAction action)
    {
        byte[] bytes = (byte[])map.Bytes.Clone();
        action(bytes.AsSpan((int)field.Offset, field.Size));
        return bytes;
    }

    private static byte[] Prefixed(string text)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        var bytes = new byte[8 + utf8.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)utf8.Length);
        utf8.CopyTo(bytes, 8);
        return bytes;
    }

    private delegate void SpanAction(Span<byte> span);
}
