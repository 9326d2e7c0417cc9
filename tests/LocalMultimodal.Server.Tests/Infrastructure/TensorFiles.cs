using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using LocalMultimodal.Media;

namespace LocalMultimodal.Server.Tests.Infrastructure;

/// <summary>
/// Serializes float tensors the way NumPy (<c>np.save</c>) and the safetensors library write them, byte for byte
/// per their published formats, for sending as precomputed embeddings.
/// </summary>
internal static class TensorFiles
{
    /// <summary>A version 1.0 <c>.npy</c> file of little-endian float32, C order.</summary>
    public static byte[] Npy(IReadOnlyList<long> shape, ReadOnlySpan<float> values) => Npy("<f4", shape, MemoryMarshal.AsBytes(values));

    public static byte[] Npy(EmbeddingTensor tensor) => Npy(tensor.Shape, tensor.Values.Span);

    /// <summary>A version 1.0 <c>.npy</c> file of little-endian int64 (how torch and NumPy hold <c>image_grid_thw</c>).</summary>
    public static byte[] NpyInt64(IReadOnlyList<long> shape, ReadOnlySpan<long> values) => Npy("<i8", shape, MemoryMarshal.AsBytes(values));

    private static byte[] Npy(string type, IReadOnlyList<long> shape, ReadOnlySpan<byte> data)
    {
        string dimensions = shape.Count == 1 ? $"{shape[0]}," : string.Join(", ", shape);
        string header = $"{{'descr': '{type}', 'fortran_order': False, 'shape': ({dimensions}), }}";

        // The preamble (10 bytes) and the header, ended by a newline, fill a multiple of 64 bytes.
        int padded = ((10 + header.Length + 1 + 63) / 64 * 64) - 10;
        header = header.PadRight(padded - 1) + "\n";
        using var stream = new MemoryStream();
        stream.Write([0x93, .. "NUMPY"u8, 1, 0]);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)header.Length);
        stream.Write(length);
        stream.Write(Encoding.ASCII.GetBytes(header));
        stream.Write(data);
        return stream.ToArray();
    }

    /// <summary>A safetensors file holding one float32 tensor under <paramref name="name"/>.</summary>
    public static byte[] Safetensors(string name, EmbeddingTensor tensor)
    {
        long bytes = tensor.Values.Length * sizeof(float);
        string header = $"{{\"{name}\":{{\"dtype\":\"F32\",\"shape\":[{string.Join(',', tensor.Shape)}],\"data_offsets\":[0,{bytes}]}}}}";

        // The header is padded with spaces so the data starts 8-byte aligned, as the library writes it.
        header = header.PadRight((header.Length + 7) / 8 * 8);
        using var stream = new MemoryStream();
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        stream.Write(length);
        stream.Write(Encoding.UTF8.GetBytes(header));
        stream.Write(MemoryMarshal.AsBytes(tensor.Values.Span));
        return stream.ToArray();
    }
}
