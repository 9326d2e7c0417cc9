using System.Text;
using LocalMultimodal.Media.Tensors;

namespace LocalMultimodal.Tests.Media.Tensors;

/// <summary>.npy files written by NumPy 1.24 (Fixtures/make_fixtures.py), and headers written by hand per the format's specification.</summary>
public sealed class NpyDecodingTests
{
    // f32_2x3.npy: magic, version 1.0, header length 0x0076, the header dict padded to 128 bytes, 24 bytes of data.
    private const string F32File =
        "934e554d5059010076007b276465736372273a20273c6634272c2027666f727472616e5f6f72646572273a2046616c73652c2027"
        + "7368617065273a2028322c2033292c207d2020202020202020202020202020202020202020202020202020202020202020202020"
        + "20202020202020202020202020202020202020202020200a000040bf000000bf000080be000000000000803e0000003f";

    [Theory]
    [InlineData("f32_2x3.npy", new long[] { 2, 3 })]
    [InlineData("f16_3x4.npy", new long[] { 3, 4 })]
    [InlineData("f64_4.npy", new long[] { 4 })]
    [InlineData("f32_v2_2x3.npy", new long[] { 2, 3 })]
    [InlineData("f32_v3_2x3.npy", new long[] { 2, 3 })]
    [InlineData("f32_fortran_2x3.npy", new long[] { 2, 3 })] // column-major on disk, same values
    public void Real_npy_files_round_trip_shape_and_values(string file, long[] shape)
    {
        var tensor = TensorDecoder.Decode(TensorFixtures.Read(file));

        TensorAssert.Equal(shape, TensorFixtures.Ramp((int)shape.Aggregate(1L, (a, b) => a * b)), tensor);
    }

    [Fact]
    public void The_transcribed_file_is_the_one_numpy_writes_and_decodes()
    {
        Assert.Equal(F32File, Convert.ToHexStringLower(TensorFixtures.Read("f32_2x3.npy")));

        TensorAssert.Equal([2, 3], TensorFixtures.Ramp(6), TensorDecoder.Decode(Convert.FromHexString(F32File)));
    }

    [Fact]
    public void An_integer_grid_extra_is_read_exactly()
    {
        TensorAssert.Equal([1, 3], [1, 24, 36], TensorDecoder.Decode(TensorFixtures.Read("i64_grid_1x3.npy")));
    }

    [Theory]
    [InlineData("f32_bigendian_2.npy", "big-endian")]
    [InlineData("f32_inf_2.npy", "not finite")]
    public void Real_files_outside_the_accepted_set_are_refused(string file, string reason)
    {
        TensorAssert.Refused(() => TensorDecoder.Decode(TensorFixtures.Read(file)), reason);
    }

    [Fact]
    public void Missing_or_extra_data_is_refused()
    {
        byte[] file = TensorFixtures.Read("f32_2x3.npy");

        TensorAssert.Refused(() => TensorDecoder.Decode(file.AsSpan(0, file.Length - 1)), "needs 24 bytes");
        TensorAssert.Refused(() => TensorDecoder.Decode([.. file, 0]), "needs 24 bytes");
    }

    [Theory]
    [InlineData("{'descr': '|O', 'fortran_order': False, 'shape': (2,), }", "dtype")] // object array: pickles
    [InlineData("{'descr': '<c8', 'fortran_order': False, 'shape': (2,), }", "dtype")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (-2,), }", "negative")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1, 1, 1, 2), }", "rank 5")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'x': 1, }", "header")]
    [InlineData("{'descr': '<f4', 'shape': (2,), }", "exactly")]
    [InlineData("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,), }", "header")] // structured
    [InlineData("{'descr': '<f4', 'fortran_order': __import__('os'), 'shape': (2,), }", "header")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), } trailing", "header")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,), }", "header")]
    public void Headers_outside_what_numpy_writes_for_a_numeric_array_are_refused(string header, string reason)
    {
        TensorAssert.Refused(() => TensorDecoder.Decode(Npy(header, new byte[8])), reason);
    }

    [Fact]
    public void A_header_longer_than_the_file_is_refused()
    {
        byte[] file = TensorFixtures.Read("f32_2x3.npy");
        file[8] = 0xff;
        file[9] = 0xff;

        TensorAssert.Refused(() => TensorDecoder.Decode(file), "header declares");
    }

    [Fact]
    public void An_unknown_version_is_refused()
    {
        byte[] file = TensorFixtures.Read("f32_2x3.npy");
        file[6] = 4;

        TensorAssert.Refused(() => TensorDecoder.Decode(file), "version 4.0");
    }

    /// <summary>A version 1.0 file with the given header, padded with spaces and a newline to 64 bytes as NumPy does.</summary>
    internal static byte[] Npy(string header, byte[] data)
    {
        int total = (10 + header.Length + 1 + 63) / 64 * 64;
        string padded = header.PadRight(total - 10 - 1) + "\n";
        return [0x93, .. "NUMPY"u8, 1, 0, (byte)padded.Length, (byte)(padded.Length >> 8), .. Encoding.ASCII.GetBytes(padded), .. data];
    }
}
