using System.IO.Compression;

namespace LocalMultimodal.Tests.Media.Tensors;

/// <summary>Packs a data.pkl and storages into a zip laid out like torch.save's (archive/data.pkl, archive/data/0, archive/version).</summary>
internal static class TorchZipBuilder
{
    public static byte[] Build(byte[] pickle, byte[] storage, CompressionLevel compression = CompressionLevel.NoCompression) =>
        Build(new Dictionary<string, byte[]>
        {
            ["archive/data.pkl"] = pickle,
            ["archive/data/0"] = storage,
            ["archive/version"] = "3\n"u8.ToArray(),
        }, compression);

    public static byte[] Build(IReadOnlyDictionary<string, byte[]> records, CompressionLevel compression = CompressionLevel.NoCompression)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach ((string name, byte[] content) in records)
            {
                using Stream entry = zip.CreateEntry(name, compression).Open();
                entry.Write(content);
            }
        }

        return output.ToArray();
    }

    /// <summary>Float32 values as little-endian bytes, the layout of a FloatStorage record.</summary>
    public static byte[] Floats(params float[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(i * 4), values[i]);
        }

        return bytes;
    }
}
