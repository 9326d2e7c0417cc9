using System.IO.Compression;
using LocalMultimodal.Media.Tensors;

namespace LocalMultimodal.Tests.Media.Tensors;

/// <summary>torch.save files written by PyTorch 1.13 (Fixtures/make_fixtures.py), and pickles built from its disassembly.</summary>
public sealed class TorchDecodingTests
{
    // data.pkl of f32_2x3.pt (torch.save of a float32 (2, 3) tensor), as pickletools disassembles it:
    // PROTO 2, GLOBAL 'torch._utils _rebuild_tensor_v2', MARK, MARK 'storage' GLOBAL 'torch FloatStorage'
    // '0' 'cpu' 6 TUPLE BINPERSID, 0, (2, 3), (3, 1), NEWFALSE, GLOBAL 'collections OrderedDict' () REDUCE,
    // TUPLE, REDUCE, STOP; each value memoized with BINPUT.
    private const string F32Pickle =
        "800263746f7263682e5f7574696c730a5f72656275696c645f74656e736f725f76320a71002828580700000073746f72616765"
        + "710163746f7263680a466c6f617453746f726167650a71025801000000307103580300000063707571044b06747105514b00"
        + "4b024b038671064b034b018671078963636f6c6c656374696f6e730a4f726465726564446963740a71082952710974710a52710b2e";

    // data/0 of the same file: -0.75, -0.5, -0.25, 0, 0.25, 0.5 as little-endian float32.
    private const string F32Storage = "000040bf000000bf000080be000000000000803e0000003f";

    [Theory]
    [InlineData("f32_2x3.pt", new long[] { 2, 3 })]
    [InlineData("f16_3x4.pt", new long[] { 3, 4 })]
    [InlineData("bf16_2x2x2.pt", new long[] { 2, 2, 2 })]
    [InlineData("f64_4.pt", new long[] { 4 })]
    [InlineData("f32_torch2_2x3.pt", new long[] { 2, 3 })]
    [InlineData("f32_deflated_2x3.pt", new long[] { 2, 3 })]
    public void Real_torch_save_files_round_trip_shape_and_values(string file, long[] shape)
    {
        var tensor = TensorDecoder.Decode(TensorFixtures.Read(file));

        TensorAssert.Equal(shape, TensorFixtures.Ramp((int)shape.Aggregate(1L, (a, b) => a * b)), tensor);
    }

    [Fact]
    public void A_transposed_view_is_read_through_its_strides()
    {
        float[] r = TensorFixtures.Ramp(6);

        var tensor = TensorDecoder.Decode(TensorFixtures.Read("f32_transposed_3x2.pt"));

        TensorAssert.Equal([3, 2], [r[0], r[3], r[1], r[4], r[2], r[5]], tensor);
    }

    [Fact]
    public void A_slice_is_read_from_its_storage_offset()
    {
        var tensor = TensorDecoder.Decode(TensorFixtures.Read("f32_offset_1x3.pt"));

        TensorAssert.Equal([1, 3], TensorFixtures.Ramp(6)[3..], tensor);
    }

    [Fact]
    public void An_expanded_view_repeats_its_row()
    {
        float[] row = TensorFixtures.Ramp(3);

        var tensor = TensorDecoder.Decode(TensorFixtures.Read("f32_expanded_2x3.pt"));

        TensorAssert.Equal([2, 3], [.. row, .. row], tensor);
    }

    [Fact]
    public void An_integer_grid_extra_is_read_exactly()
    {
        var tensor = TensorDecoder.Decode(TensorFixtures.Read("i64_grid_1x3.pt"));

        TensorAssert.Equal([1, 3], [1, 24, 36], tensor);
    }

    [Fact]
    public void The_pickle_builder_writes_what_torch_writes()
    {
        byte[] built = PickleBuilder.Tensor("FloatStorage", 6, 0, [2, 3], [3, 1]);

        Assert.Equal(F32Pickle, Convert.ToHexStringLower(built));
    }

    [Fact]
    public void The_transcribed_pickle_and_storage_decode()
    {
        byte[] file = TorchZipBuilder.Build(Convert.FromHexString(F32Pickle), Convert.FromHexString(F32Storage), CompressionLevel.Optimal);

        TensorAssert.Equal([2, 3], TensorFixtures.Ramp(6), TensorDecoder.Decode(file));
    }

    [Theory]
    [InlineData("f32_nan_2.pt", "not finite")]
    [InlineData("f32_rank5.pt", "rank 5")]
    [InlineData("dict_of_tensors.pt", "single tensor")]
    [InlineData("sparse_coo.pt", "_rebuild_sparse_tensor")]
    [InlineData("f32_bigendian_2x3.pt", "big-endian")]
    public void Real_files_outside_the_accepted_set_are_refused(string file, string reason)
    {
        TensorAssert.Refused(() => TensorDecoder.Decode(TensorFixtures.Read(file)), reason);
    }

    [Fact]
    public void A_storage_record_of_the_wrong_size_is_refused()
    {
        byte[] file = TorchZipBuilder.Build(Convert.FromHexString(F32Pickle), TorchZipBuilder.Floats(1, 2, 3, 4, 5));

        TensorAssert.Refused(() => TensorDecoder.Decode(file), "not the 24");
    }

    [Fact]
    public void A_missing_storage_record_is_refused()
    {
        byte[] pickle = PickleBuilder.Tensor("FloatStorage", 6, 0, [2, 3], [3, 1], key: "7");

        TensorAssert.Refused(() => TensorDecoder.Decode(TorchZipBuilder.Build(pickle, TorchZipBuilder.Floats(TensorFixtures.Ramp(6)))), "no record");
    }

    [Theory]
    [InlineData(4L, new long[] { 3, 1 })] // offset 4 + extent 5 is past 6 elements
    [InlineData(0L, new long[] { 4, 1 })] // row stride 4 reaches element 6
    [InlineData(0L, new long[] { long.MaxValue / 2, 1 })] // overflows
    [InlineData(-1L, new long[] { 3, 1 })]
    public void A_view_beyond_its_storage_is_refused(long offset, long[] strides)
    {
        byte[] pickle = PickleBuilder.Tensor("FloatStorage", 6, offset, [2, 3], strides);

        TensorAssert.Refused(() => TensorDecoder.Decode(TorchZipBuilder.Build(pickle, TorchZipBuilder.Floats(TensorFixtures.Ramp(6)))), "storage");
    }

    [Fact]
    public void Truncated_files_are_refused_at_every_length()
    {
        byte[] file = TensorFixtures.Read("f32_2x3.pt");
        for (int length = 1; length < file.Length; length++)
        {
            Assert.Equal("invalid_embeddings", Assert.ThrowsAny<Errors.InvalidRequestException>(() => TensorDecoder.Decode(file.AsSpan(0, length))).Code);
        }
    }

    [Fact]
    public void A_legacy_bare_pickle_is_refused_with_a_pointer_to_the_zip_format()
    {
        TensorAssert.Refused(() => TensorDecoder.Decode(Convert.FromHexString(F32Pickle)), "legacy");
    }
}
