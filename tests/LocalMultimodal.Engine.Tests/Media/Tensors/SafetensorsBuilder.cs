using System.Text;
using System.Text.Json;

namespace LocalMultimodal.Tests.Media.Tensors;

/// <summary>
/// Writes safetensors files following the format's specification (no safetensors package is
/// installable here): u64 little-endian header length, the JSON header padded with spaces to a
/// multiple of 8 as the reference writer does, then the tensors' bytes in order.
/// </summary>
internal static class SafetensorsBuilder
{
    public static byte[] Build(params (string Name, string DType, long[] Shape, byte[] Data)[] tensors) =>
        Build(tensors, headerOverride: null);

    /// <summary>Builds with a header of the caller's own, to write inconsistent ones.</summary>
    public static byte[] Build((string Name, string DType, long[] Shape, byte[] Data)[] tensors, string? headerOverride)
    {
        var header = new Dictionary<string, object>();
        long offset = 0;
        foreach (var tensor in tensors)
        {
            header[tensor.Name] = new { dtype = tensor.DType, shape = tensor.Shape, data_offsets = new[] { offset, offset + tensor.Data.Length } };
            offset += tensor.Data.Length;
        }

        string json = headerOverride ?? JsonSerializer.Serialize(header);
        json = json.PadRight((json.Length + 7) / 8 * 8);
        using var output = new MemoryStream();
        output.Write(BitConverter.GetBytes((ulong)Encoding.UTF8.GetByteCount(json)));
        output.Write(Encoding.UTF8.GetBytes(json));
        foreach (var tensor in tensors)
        {
            output.Write(tensor.Data);
        }

        return output.ToArray();
    }

    public static byte[] Halves(params float[] values) => values.SelectMany(v => BitConverter.GetBytes((Half)v)).ToArray();

    // bfloat16 is the top half of a float32; the ramp values are exact in it.
    public static byte[] BFloat16s(params float[] values) => values.SelectMany(v => BitConverter.GetBytes((ushort)(BitConverter.SingleToUInt32Bits(v) >> 16))).ToArray();

    public static byte[] Doubles(params float[] values) => values.SelectMany(v => BitConverter.GetBytes((double)v)).ToArray();
}
