using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Unicode;

namespace LocalMultimodal.Media.Tensors;

/// <summary>
/// Reads a safetensors file: an 8-byte little-endian header length, a JSON header mapping each name
/// to <c>{"dtype", "shape", "data_offsets": [begin, end]}</c> (plus an optional <c>__metadata__</c>),
/// then the byte buffer the offsets point into. Like the reference implementation, the tensors must
/// tile the buffer exactly: no overlap, no gap, nothing after.
/// </summary>
internal static class SafetensorsReader
{
    private const int LengthPrefix = 8;

    // A header for a few dozen tensors is a few kilobytes; the format itself allows 100 MB.
    private const int MaxHeaderBytes = 1024 * 1024;

    /// <summary>True when the bytes start like a safetensors file: a plausible header length, then '{'.</summary>
    public static bool LooksLike(ReadOnlySpan<byte> bytes) =>
        bytes.Length > LengthPrefix
        && BinaryPrimitives.ReadUInt64LittleEndian(bytes) <= (ulong)(bytes.Length - LengthPrefix)
        && bytes[LengthPrefix] == (byte)'{';

    /// <summary>Reads every tensor; with <paramref name="expectOne"/>, refuses a file of several before decoding any.</summary>
    public static IReadOnlyDictionary<string, EmbeddingTensor> Read(ReadOnlySpan<byte> bytes, TensorLimits limits, bool expectOne = false)
    {
        ulong declared = bytes.Length >= LengthPrefix ? BinaryPrimitives.ReadUInt64LittleEndian(bytes) : ulong.MaxValue;
        if (declared > MaxHeaderBytes || declared > (ulong)(bytes.Length - LengthPrefix))
        {
            throw TensorErrors.Invalid($"The safetensors header declares {declared} bytes, more than the file or the {MaxHeaderBytes}-byte limit allows.");
        }

        int headerLength = (int)declared;
        List<(string Name, TensorElementType Type, long[] Shape, long Begin, long End)> entries = ParseHeader(bytes.Slice(LengthPrefix, headerLength), limits);
        if (expectOne && entries.Count != 1)
        {
            throw TensorErrors.Invalid($"The safetensors file holds {entries.Count} tensors; send one, or send each under its own name.");
        }

        ReadOnlySpan<byte> buffer = bytes[(LengthPrefix + headerLength)..];
        CheckTiling(entries.Select(e => (e.Begin, e.End)), buffer.Length);

        var tensors = new Dictionary<string, EmbeddingTensor>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            ReadOnlySpan<byte> data = buffer[(int)entry.Begin..(int)entry.End];
            tensors[entry.Name] = TensorMaterializer.Materialize(data, TensorLayout.RowMajor(entry.Type, entry.Shape), limits);
        }

        return tensors;
    }

    private static List<(string, TensorElementType, long[], long, long)> ParseHeader(ReadOnlySpan<byte> header, TensorLimits limits)
    {
        // JsonDocument accepts invalid UTF-8 inside strings and fails only when a name is read.
        if (!Utf8.IsValid(header))
        {
            throw TensorErrors.Invalid("The safetensors header is not valid UTF-8.");
        }

        var entries = new List<(string, TensorElementType, long[], long, long)>();
        try
        {
            using JsonDocument document = JsonDocument.Parse(header.ToArray(), new JsonDocumentOptions { MaxDepth = 4 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw TensorErrors.Invalid("The safetensors header is not a JSON object.");
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                if (!names.Add(property.Name))
                {
                    throw TensorErrors.Invalid($"The safetensors header names '{Truncate(property.Name)}' twice.");
                }

                if (property.Name == "__metadata__")
                {
                    continue;
                }

                if (entries.Count == limits.MaxTensors)
                {
                    throw TensorErrors.Invalid($"The safetensors file holds more than {limits.MaxTensors} tensors.");
                }

                entries.Add(ParseEntry(property, limits));
            }
        }
        catch (JsonException ex)
        {
            throw TensorErrors.Invalid("The safetensors header is not valid JSON.", ex);
        }

        return entries.Count > 0 ? entries : throw TensorErrors.Invalid("The safetensors file holds no tensor.");
    }

    private static (string, TensorElementType, long[], long, long) ParseEntry(JsonProperty property, TensorLimits limits)
    {
        string name = Truncate(property.Name);
        JsonElement entry = property.Value;
        if (entry.ValueKind != JsonValueKind.Object
            || !entry.TryGetProperty("dtype", out JsonElement dtype) || dtype.ValueKind != JsonValueKind.String
            || !entry.TryGetProperty("shape", out JsonElement shapeElement) || shapeElement.ValueKind != JsonValueKind.Array
            || !entry.TryGetProperty("data_offsets", out JsonElement offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2)
        {
            throw TensorErrors.Invalid($"The safetensors entry '{name}' needs a dtype, a shape and two data_offsets.");
        }

        TensorElementType type = dtype.GetString() switch
        {
            "F32" => TensorElementType.Float32,
            "F16" => TensorElementType.Float16,
            "BF16" => TensorElementType.BFloat16,
            "F64" => TensorElementType.Float64,
            "I32" => TensorElementType.Int32,
            "I64" => TensorElementType.Int64,
            _ => throw TensorErrors.Invalid($"The safetensors entry '{name}' has dtype {Truncate(dtype.GetString() ?? "")}; F32, F16, BF16 and F64 are read."),
        };

        if (shapeElement.GetArrayLength() > limits.MaxRank)
        {
            throw TensorErrors.Invalid($"The safetensors entry '{name}' has rank {shapeElement.GetArrayLength()}; at most {limits.MaxRank} is accepted.");
        }

        long[] shape = shapeElement.EnumerateArray().Select(d => ToInteger(d, name)).ToArray();
        long begin = ToInteger(offsets[0], name);
        long end = ToInteger(offsets[1], name);
        long count = TensorMaterializer.CountElements(shape, limits);
        if (begin < 0 || end < begin || end - begin != count * TensorMaterializer.ElementSize(type))
        {
            throw TensorErrors.Invalid($"The safetensors entry '{name}' spans bytes {begin} to {end}, which does not match its shape ({string.Join(", ", shape)}).");
        }

        return (property.Name, type, shape, begin, end);
    }

    // The reference implementation's rule: sorted by offset, each tensor starts where the last ended,
    // and the last ends at the end of the buffer.
    private static void CheckTiling(IEnumerable<(long Begin, long End)> spans, long bufferLength)
    {
        long next = 0;
        foreach ((long begin, long end) in spans.OrderBy(s => s.Begin).ThenBy(s => s.End))
        {
            if (begin != next)
            {
                throw TensorErrors.Invalid("The safetensors tensors overlap or leave gaps in the data buffer.");
            }

            next = end;
        }

        if (next != bufferLength)
        {
            throw TensorErrors.Invalid($"The safetensors header covers {next} bytes of data but the file holds {bufferLength}: it is truncated or corrupt.");
        }
    }

    private static long ToInteger(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out long value) && value >= 0
            ? value
            : throw TensorErrors.Invalid($"The safetensors entry '{name}' has a shape or offset that is not a non-negative integer.");

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
