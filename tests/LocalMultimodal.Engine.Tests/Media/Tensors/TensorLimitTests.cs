using System.Buffers.Binary;
using System.IO.Compression;
using LocalMultimodal.Media.Tensors;

namespace LocalMultimodal.Tests.Media.Tensors;

/// <summary>Declared sizes are checked before any buffer is sized from them.</summary>
public sealed class TensorLimitTests
{
    // Far below what the refused inputs declare (gigabytes), above the decoder's own bookkeeping.
    private const long AllocationBudget = 1024 * 1024;

    [Fact]
    public void A_huge_npy_shape_is_refused_without_allocating_it()
    {
        byte[] file = NpyDecodingTests.Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000), }", new byte[8]);

        AssertRefusedWithin(() => TensorDecoder.Decode(file), "more than 67108864 elements");
    }

    [Fact]
    public void A_shape_whose_product_overflows_is_refused()
    {
        byte[] file = NpyDecodingTests.Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296, 4294967296), }", new byte[8]);

        TensorAssert.Refused(() => TensorDecoder.Decode(file), "more than");
    }

    [Fact]
    public void A_huge_safetensors_shape_is_refused_without_allocating_it()
    {
        string header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1000000,1000000],\"data_offsets\":[0,8]}}";
        byte[] file = SafetensorsBuilder.Build([("a", "F32", [2], TorchZipBuilder.Floats(1, 2))], header);

        AssertRefusedWithin(() => TensorDecoder.Decode(file), "more than");
    }

    [Fact]
    public void A_huge_torch_storage_is_refused_before_its_record_is_read()
    {
        byte[] pickle = PickleBuilder.Tensor("FloatStorage", 1L << 40, 0, [2, 3], [3, 1]);
        byte[] file = TorchZipBuilder.Build(pickle, TorchZipBuilder.Floats(TensorFixtures.Ramp(6)));

        AssertRefusedWithin(() => TensorDecoder.Decode(file), "storage holds 1099511627776");
    }

    [Fact]
    public void A_huge_torch_shape_is_refused_against_configured_limits()
    {
        var limits = new TensorLimits { MaxElements = 5 };

        TensorAssert.Refused(() => TensorDecoder.Decode(TensorFixtures.Read("f32_2x3.pt"), limits), "storage holds 6");
        TensorAssert.Refused(() => TensorDecoder.Decode(TensorFixtures.Read("f32_2x3.npy"), limits), "more than 5 elements");
    }

    [Fact]
    public void Rank_is_limited()
    {
        var limits = new TensorLimits { MaxRank = 2 };

        TensorAssert.Refused(() => TensorDecoder.Decode(TensorFixtures.Read("bf16_2x2x2.pt"), limits), "rank 3");
    }

    [Fact]
    public void Input_size_is_limited()
    {
        var limits = new TensorLimits { MaxBytes = 100 };

        TensorAssert.Refused(() => TensorDecoder.Decode(TensorFixtures.Read("f32_2x3.pt"), limits), "at most 100");
    }

    [Fact]
    public void A_zip_bomb_whose_header_understates_its_size_is_not_inflated_past_it()
    {
        // 16 MB of zeros deflate to about 16 KB; the record then claims the 24 bytes the pickle expects.
        // System.IO.Compression stops inflating at the declared size, so at most those 24 bytes are read.
        byte[] file = TorchZipBuilder.Build(Convert.FromHexString(Pickle6), new byte[16 * 1024 * 1024], CompressionLevel.SmallestSize);
        PatchUncompressedSize(file, "archive/data/0", 24);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var tensor = TensorDecoder.Decode(file);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        TensorAssert.Equal([2, 3], new float[6], tensor);
        Assert.True(allocated < AllocationBudget, $"Decoding allocated {allocated} bytes.");
    }

    [Fact]
    public void A_record_declaring_more_than_deflate_can_produce_is_refused_before_allocating()
    {
        // The pickle asks for 60M elements (within the limit); the record claims their 240 MB from a few bytes.
        byte[] pickle = PickleBuilder.Tensor("FloatStorage", 60_000_000, 0, [60_000_000], [1]);
        byte[] file = TorchZipBuilder.Build(pickle, TorchZipBuilder.Floats(1, 2), CompressionLevel.Optimal);
        PatchUncompressedSize(file, "archive/data/0", 240_000_000);

        AssertRefusedWithin(() => TensorDecoder.Decode(file), "more than deflate can produce");
    }

    [Fact]
    public void A_zip_of_many_records_is_refused_from_its_directory()
    {
        var records = Enumerable.Range(0, 1000).ToDictionary(i => $"archive/x{i}", _ => Array.Empty<byte>());
        records["archive/data.pkl"] = Convert.FromHexString(Pickle6);

        TensorAssert.Refused(() => TensorDecoder.Decode(TorchZipBuilder.Build(records)), "1001 records");
    }

    private const string Pickle6 =
        "800263746f7263682e5f7574696c730a5f72656275696c645f74656e736f725f76320a71002828580700000073746f72616765"
        + "710163746f7263680a466c6f617453746f726167650a71025801000000307103580300000063707571044b06747105514b00"
        + "4b024b038671064b034b018671078963636f6c6c656374696f6e730a4f726465726564446963740a71082952710974710a52710b2e";

    private static void AssertRefusedWithin(Action decode, string fragment)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        TensorAssert.Refused(decode, fragment);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < AllocationBudget, $"Refusing allocated {allocated} bytes.");
    }

    // Rewrites the uncompressed size in the entry's local header (offset 22) and central directory
    // record (offset 24), so the zip lies about what the entry inflates to.
    private static void PatchUncompressedSize(byte[] zip, string name, uint size)
    {
        byte[] nameBytes = System.Text.Encoding.ASCII.GetBytes(name);
        int patched = 0;
        for (int at = 0; at + 46 < zip.Length; at++)
        {
            uint signature = BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(at));
            (int sizeAt, int nameAt) = signature switch
            {
                0x04034b50 => (22, 30),
                0x02014b50 => (24, 46),
                _ => (-1, -1),
            };

            if (sizeAt > 0 && zip.AsSpan(at + nameAt).StartsWith(nameBytes) && BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(at + nameAt - (signature == 0x04034b50 ? 4 : 18))) == nameBytes.Length)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(at + sizeAt), size);
                patched++;
            }
        }

        Assert.Equal(2, patched);
    }
}
