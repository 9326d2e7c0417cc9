using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace LocalMultimodal.Media.Tensors;

/// <summary>
/// Reads a torch.save zip (what vLLM's <c>tensor2base64</c> sends): <c>{archive}/data.pkl</c> describes
/// the tensor, <c>{archive}/data/{key}</c> holds its storage, <c>{archive}/byteorder</c> (torch ≥ 2.1) its
/// endianness. Entries are stored or deflated; every size is checked before anything is inflated.
/// </summary>
internal static class TorchZipReader
{
    // A saved tensor has at most 7 records (data.pkl, version, byteorder, .format_version,
    // .storage_alignment, .data/serialization_id, data/0); a little room beyond that.
    private const int MaxEntries = 32;
    private const int MaxPickleBytes = 64 * 1024;
    private const int EndOfCentralDirectoryLength = 22;

    // Deflate cannot expand data more than about 1032 times: a larger declared size is a lie.
    private const long MaxDeflateRatio = 1032;
    private const uint EndOfCentralDirectorySignature = 0x06054b50;

    public static unsafe EmbeddingTensor Read(ReadOnlySpan<byte> bytes, TensorLimits limits)
    {
        CheckEntryCount(bytes);
        try
        {
            // The span is read in place: no copy of a possibly large input.
            fixed (byte* start = bytes)
            {
                using var stream = new UnmanagedMemoryStream(start, bytes.Length);
                using var archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true, Encoding.UTF8);
                return Read(archive, limits);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException)
        {
            // System.IO.Compression reports a corrupt directory, a bad local header or an
            // unsupported compression method this way; its text does not reach the caller.
            throw TensorErrors.Invalid("The torch.save data is not a readable zip archive: it is truncated or corrupt.", ex);
        }
    }

    private static EmbeddingTensor Read(ZipArchive archive, TensorLimits limits)
    {
        ZipArchiveEntry[] pickles = archive.Entries.Where(e => e.FullName == "data.pkl" || e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal)).ToArray();
        if (pickles.Length != 1)
        {
            throw TensorErrors.Invalid("The zip archive is not a torch.save file: it has no single data.pkl record.");
        }

        string prefix = pickles[0].FullName[..^"data.pkl".Length];
        ZipArchiveEntry? byteOrder = archive.GetEntry(prefix + "byteorder");
        if (byteOrder is not null && Encoding.ASCII.GetString(ReadEntry(byteOrder, 16)) != "little")
        {
            throw TensorErrors.Invalid("The torch.save data was written on a big-endian machine; only little-endian data is read.");
        }

        TorchTensorRecord tensor = TorchPickleReader.Read(ReadEntry(pickles[0], MaxPickleBytes));
        TorchStorageReference storage = tensor.Storage;

        // The storage is read whole, so it is held to the same limits as the tensor viewing it.
        if (storage.ElementCount > limits.MaxElements)
        {
            throw TensorErrors.Invalid($"The tensor's storage holds {storage.ElementCount} elements; at most {limits.MaxElements} are accepted.");
        }

        TensorMaterializer.CountElements(tensor.Shape, limits);
        long storageBytes = storage.ElementCount * TensorMaterializer.ElementSize(storage.ElementType);
        ZipArchiveEntry data = archive.GetEntry($"{prefix}data/{storage.Key}")
            ?? throw TensorErrors.Invalid($"The torch.save data has no record for its storage '{Truncate(storage.Key)}'.");
        if (data.Length != storageBytes)
        {
            throw TensorErrors.Invalid($"The tensor's storage record holds {data.Length} bytes, not the {storageBytes} its {storage.ElementCount} elements need.");
        }

        byte[] raw = ReadEntry(data, Math.Min(storageBytes, limits.MaxBytes));
        var layout = new TensorLayout(storage.ElementType, tensor.Shape, tensor.Strides, tensor.Offset);
        return TensorMaterializer.Materialize(raw, layout, limits);
    }

    // The entry's declared size bounds the buffer; data beyond it (a zip bomb whose header lies)
    // is detected after reading one byte more, never inflated.
    private static byte[] ReadEntry(ZipArchiveEntry entry, long maxLength)
    {
        if (entry.Length > maxLength)
        {
            throw TensorErrors.Invalid($"The torch.save record '{Truncate(entry.FullName)}' declares {entry.Length} bytes; at most {maxLength} are accepted.");
        }

        if (entry.Length / MaxDeflateRatio > entry.CompressedLength)
        {
            throw TensorErrors.Invalid($"The torch.save record '{Truncate(entry.FullName)}' declares {entry.Length} bytes from {entry.CompressedLength} compressed: more than deflate can produce.");
        }

        var buffer = new byte[entry.Length];
        using Stream stream = entry.Open();
        int read = 0;
        while (read < buffer.Length)
        {
            int n = stream.Read(buffer, read, buffer.Length - read);
            if (n == 0)
            {
                throw TensorErrors.Invalid($"The torch.save record '{Truncate(entry.FullName)}' ends early: the file is truncated or corrupt.");
            }

            read += n;
        }

        if (stream.ReadByte() != -1)
        {
            throw TensorErrors.Invalid($"The torch.save record '{Truncate(entry.FullName)}' holds more data than it declares.");
        }

        return buffer;
    }

    // The end-of-central-directory record gives the entry count; refusing a large count here keeps
    // ZipArchive from building an entry list for it.
    private static void CheckEntryCount(ReadOnlySpan<byte> bytes)
    {
        int lowest = Math.Max(0, bytes.Length - EndOfCentralDirectoryLength - ushort.MaxValue);
        for (int at = bytes.Length - EndOfCentralDirectoryLength; at >= lowest; at--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes[at..]) == EndOfCentralDirectorySignature)
            {
                int entries = BinaryPrimitives.ReadUInt16LittleEndian(bytes[(at + 10)..]);
                if (entries > MaxEntries)
                {
                    throw TensorErrors.Invalid($"The zip archive has {entries} records; a torch.save file of one tensor has at most {MaxEntries}.");
                }

                return;
            }
        }

        throw TensorErrors.Invalid("The torch.save data is not a readable zip archive: its directory is missing.");
    }

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
