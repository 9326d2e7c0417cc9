using System.Buffers.Binary;
using System.Text;

namespace LocalMultimodal.Media.Tensors;

/// <summary>
/// Reads a NumPy .npy file, versions 1.0 to 3.0: magic, version, header length (2 bytes in 1.0,
/// 4 after), the header dict padded with spaces and a newline, then the raw array. Little-endian
/// float and integer arrays only; object arrays (which need pickle) are refused.
/// </summary>
internal static class NpyReader
{
    public static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    // NumPy itself refuses headers above 10,000 bytes unless told otherwise.
    private const int MaxHeaderBytes = 64 * 1024;

    public static EmbeddingTensor Read(ReadOnlySpan<byte> bytes, TensorLimits limits)
    {
        if (bytes.Length < Magic.Length + 4)
        {
            throw TensorErrors.Invalid("The .npy data ends inside its header.");
        }

        byte major = bytes[Magic.Length];
        byte minor = bytes[Magic.Length + 1];
        if (major is < 1 or > 3 || minor != 0)
        {
            throw TensorErrors.Invalid($"The .npy format version {major}.{minor} is not supported; 1.0, 2.0 and 3.0 are.");
        }

        int lengthSize = major == 1 ? 2 : 4;
        int headerStart = Magic.Length + 2 + lengthSize;
        if (bytes.Length < headerStart)
        {
            throw TensorErrors.Invalid("The .npy data ends inside its header.");
        }

        uint headerLength = major == 1
            ? BinaryPrimitives.ReadUInt16LittleEndian(bytes[(Magic.Length + 2)..])
            : BinaryPrimitives.ReadUInt32LittleEndian(bytes[(Magic.Length + 2)..]);
        if (headerLength > MaxHeaderBytes || headerLength > bytes.Length - headerStart)
        {
            throw TensorErrors.Invalid($"The .npy header declares {headerLength} bytes, more than the file or the {MaxHeaderBytes}-byte limit allows.");
        }

        // Versions 1 and 2 write the header in latin-1 and 3 in UTF-8; what NumPy writes for a
        // numeric array is ASCII in both, and anything else is refused by the parser.
        string header = Encoding.Latin1.GetString(bytes.Slice(headerStart, (int)headerLength));
        Dictionary<string, object> entries = NpyHeaderParser.Parse(header);
        if (entries.Count != 3
            || !entries.TryGetValue("descr", out object? descr) || descr is not string type
            || !entries.TryGetValue("fortran_order", out object? order) || order is not bool fortranOrder
            || !entries.TryGetValue("shape", out object? dimensions) || dimensions is not long[] shape)
        {
            throw TensorErrors.Invalid("The .npy header must hold exactly 'descr' (a type string), 'fortran_order' and 'shape'.");
        }

        TensorElementType elementType = ToElementType(type);
        long count = TensorMaterializer.CountElements(shape, limits);
        ReadOnlySpan<byte> data = bytes[(headerStart + (int)headerLength)..];
        long expected = count * TensorMaterializer.ElementSize(elementType);
        if (data.Length != expected)
        {
            throw TensorErrors.Invalid($"The .npy array of shape ({string.Join(", ", shape)}) needs {expected} bytes of data but the file holds {data.Length}.");
        }

        // Fortran order is read through column-major strides, giving the same row-major values NumPy would.
        TensorLayout layout = fortranOrder ? TensorLayout.ColumnMajor(elementType, shape) : TensorLayout.RowMajor(elementType, shape);
        return TensorMaterializer.Materialize(data, layout, limits);
    }

    private static TensorElementType ToElementType(string descr) => descr switch
    {
        "<f4" => TensorElementType.Float32,
        "<f2" => TensorElementType.Float16,
        "<f8" => TensorElementType.Float64,
        "<i4" => TensorElementType.Int32,
        "<i8" => TensorElementType.Int64,
        ['>', ..] => throw TensorErrors.Invalid($"The .npy array is big-endian ('{Truncate(descr)}'); save it little-endian ('<')."),
        _ => throw TensorErrors.Invalid($"The .npy dtype '{Truncate(descr)}' is not supported; use float32, float16 or float64 ('<f4', '<f2', '<f8')."),
    };

    private static string Truncate(string text) => text.Length <= 16 ? text : text[..16] + "…";
}
