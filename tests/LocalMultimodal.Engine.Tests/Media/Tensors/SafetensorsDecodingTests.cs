using LocalMultimodal.Media.Tensors;

namespace LocalMultimodal.Tests.Media.Tensors;

/// <summary>safetensors files written by <see cref="SafetensorsBuilder"/> from the format's specification.</summary>
public sealed class SafetensorsDecodingTests
{
    public static TheoryData<string, byte[]> Encodings => new()
    {
        { "F32", TorchZipBuilder.Floats(TensorFixtures.Ramp(6)) },
        { "F16", SafetensorsBuilder.Halves(TensorFixtures.Ramp(6)) },
        { "BF16", SafetensorsBuilder.BFloat16s(TensorFixtures.Ramp(6)) },
        { "F64", SafetensorsBuilder.Doubles(TensorFixtures.Ramp(6)) },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Each_float_type_round_trips_shape_and_values(string dtype, byte[] data)
    {
        byte[] file = SafetensorsBuilder.Build(("image_embeds", dtype, [2, 3], data));

        TensorAssert.Equal([2, 3], TensorFixtures.Ramp(6), TensorDecoder.Decode(file));
    }

    [Fact]
    public void Several_tensors_decode_by_name_and_metadata_is_ignored()
    {
        byte[] embeds = TorchZipBuilder.Floats(TensorFixtures.Ramp(6));
        byte[] grid = [.. BitConverter.GetBytes(1L), .. BitConverter.GetBytes(2L), .. BitConverter.GetBytes(3L)];
        string header = "{\"__metadata__\":{\"format\":\"pt\"},\"image_embeds\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]},"
            + "\"image_grid_thw\":{\"dtype\":\"I64\",\"shape\":[1,3],\"data_offsets\":[24,48]}}";

        var tensors = TensorDecoder.DecodeAll(SafetensorsBuilder.Build([("a", "F32", [], embeds), ("b", "I64", [], grid)], header));

        Assert.Equal(["image_embeds", "image_grid_thw"], tensors.Keys);
        TensorAssert.Equal([2, 3], TensorFixtures.Ramp(6), tensors["image_embeds"]);
        TensorAssert.Equal([1, 3], [1, 2, 3], tensors["image_grid_thw"]);
    }

    [Fact]
    public void Decode_refuses_a_file_of_several_tensors_and_DecodeAll_refuses_other_formats()
    {
        byte[] two = SafetensorsBuilder.Build(("a", "F32", [1], TorchZipBuilder.Floats(1)), ("b", "F32", [1], TorchZipBuilder.Floats(2)));

        TensorAssert.Refused(() => TensorDecoder.Decode(two), "holds 2 tensors");
        TensorAssert.Refused(() => TensorDecoder.DecodeAll(TensorFixtures.Read("f32_2x3.npy")), "only a safetensors");
    }

    [Theory]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", "does not match")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", "gaps")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", "holds 8")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", "overlap")]
    [InlineData("{\"a\":{\"dtype\":\"U8\",\"shape\":[8],\"data_offsets\":[0,8]}}", "dtype U8")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", "non-negative")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1,1,1,1,2],\"data_offsets\":[0,8]}}", "rank 5")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2]}}", "data_offsets")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", "twice")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}", "not valid JSON")]
    [InlineData("{\"__metadata__\":{}}", "no tensor")]
    public void Inconsistent_headers_are_refused(string header, string reason)
    {
        // The data is 8 bytes whatever the header claims.
        byte[] file = SafetensorsBuilder.Build([("a", "F32", [2], TorchZipBuilder.Floats(1, 2))], header);

        TensorAssert.Refused(() => TensorDecoder.DecodeAll(file), reason);
    }

    [Fact]
    public void A_header_that_is_not_utf8_is_refused()
    {
        byte[] file = SafetensorsBuilder.Build(("ab", "F32", [1], TorchZipBuilder.Floats(1)));
        file[Array.IndexOf(file, (byte)'b')] = 0x90;

        TensorAssert.Refused(() => TensorDecoder.Decode(file), "UTF-8");
    }

    [Fact]
    public void A_header_length_beyond_the_file_is_not_taken_for_safetensors()
    {
        byte[] file = SafetensorsBuilder.Build(("a", "F32", [2], TorchZipBuilder.Floats(1, 2)));
        BitConverter.TryWriteBytes(file, (ulong)file.Length);

        TensorAssert.Refused(() => TensorDecoder.Decode(file), "not in a known format");
    }

    [Theory]
    [InlineData("F16", new byte[] { 0x00, 0x7c })] // +inf
    [InlineData("BF16", new byte[] { 0xc0, 0x7f })] // NaN
    public void Values_that_are_not_finite_are_refused(string dtype, byte[] data)
    {
        TensorAssert.Refused(() => TensorDecoder.Decode(SafetensorsBuilder.Build(("a", dtype, [1], data))), "not finite");
    }

    [Fact]
    public void A_float64_beyond_float32s_range_is_refused_rather_than_made_infinite()
    {
        byte[] file = SafetensorsBuilder.Build(("a", "F64", [1], BitConverter.GetBytes(1e300)));

        TensorAssert.Refused(() => TensorDecoder.Decode(file), "not finite");
    }

    [Fact]
    public void Float64_values_are_rounded_to_float32()
    {
        byte[] file = SafetensorsBuilder.Build(("a", "F64", [1], BitConverter.GetBytes(0.1)));

        Assert.Equal(0.1f, TensorDecoder.Decode(file).Values.Span[0]);
    }

    [Fact]
    public void An_integer_beyond_float32s_exact_range_is_refused()
    {
        byte[] file = SafetensorsBuilder.Build(("a", "I64", [1], BitConverter.GetBytes((1L << 24) + 1)));

        TensorAssert.Refused(() => TensorDecoder.Decode(file), "2^24");
    }
}
