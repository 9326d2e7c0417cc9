using System.Buffers.Binary;

namespace LocalMultimodal.Gguf.Tests;

public sealed class GgufRoundTripTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    internal static GgufDocument Sample() => new GgufDocument()
        .Set("u8", GgufValue.UInt8(200))
        .Set("i8", GgufValue.Int8(-5))
        .Set("u16", GgufValue.UInt16(60000))
        .Set("i16", GgufValue.Int16(-30000))
        .Set("u32", GgufValue.UInt32(4_000_000_000))
        .Set("i32", GgufValue.Int32(-2_000_000_000))
        .Set("f32", GgufValue.Float32(1.5f))
        .Set("bool", GgufValue.Bool(true))
        .Set("str", GgufValue.String("héllo ▁"))
        .Set("u64", GgufValue.UInt64(ulong.MaxValue))
        .Set("i64", GgufValue.Int64(long.MinValue))
        .Set("f64", GgufValue.Float64(Math.PI))
        .Set("strs", GgufValue.Array(new[] { "a", "", "<|im_start|>" }))
        .Set("f32s", GgufValue.Array(new[] { 0.5f, -1f }))
        .Set("i32s", GgufValue.Array(new[] { 1, 3, 6 }))
        .Set("bools", GgufValue.Array(new[] { true, false }))
        .Add(new GgufTensor("a", [3], GgmlType.F32, [1f, 2f, 3f]))
        .Add(new GgufTensor("b", [2, 3], GgmlType.F16, [0.5f, -2f, 65504f, 0f, 1f, 0.333f]))
        .Add(new GgufTensor("c", [1, 1, 1, 1], GgmlType.F32, [7f]));

    [Fact]
    public void Every_value_type_and_tensor_reads_back()
    {
        string path = _temp.File("sample.gguf");
        GgufWriter.WriteFile(Sample(), path);

        GgufFile file = GgufReader.Read(path);

        Assert.Equal(3u, file.Version);
        Assert.Equal((byte)200, file.Metadata["u8"].As<byte>());
        Assert.Equal((sbyte)-5, file.Metadata["i8"].As<sbyte>());
        Assert.Equal((ushort)60000, file.Metadata["u16"].As<ushort>());
        Assert.Equal((short)-30000, file.Metadata["i16"].As<short>());
        Assert.Equal(4_000_000_000u, file.GetUInt32("u32"));
        Assert.Equal(-2_000_000_000, file.Metadata["i32"].As<int>());
        Assert.Equal(1.5f, file.Metadata["f32"].As<float>());
        Assert.True(file.GetBool("bool"));
        Assert.Equal("héllo ▁", file.GetString("str"));
        Assert.Equal(ulong.MaxValue, file.Metadata["u64"].As<ulong>());
        Assert.Equal(long.MinValue, file.Metadata["i64"].As<long>());
        Assert.Equal(Math.PI, file.Metadata["f64"].As<double>());
        Assert.Equal(["a", "", "<|im_start|>"], file.Metadata["strs"].As<string[]>());
        Assert.Equal(GgufValueType.String, file.Metadata["strs"].ElementType);
        Assert.Equal([0.5f, -1f], file.Metadata["f32s"].As<float[]>());
        Assert.Equal([1, 3, 6], file.Metadata["i32s"].As<int[]>());
        Assert.Equal([true, false], file.Metadata["bools"].As<bool[]>());
        Assert.Null(file.GetUInt32("i32")); // typed getters do not convert

        Assert.Equal(["a", "b", "c"], file.Tensors.Select(t => t.Name));
        Assert.Equal([2L, 3L], file.FindTensor("b")!.Shape);
        Assert.Equal(GgmlType.F16, file.FindTensor("b")!.Type);
        Assert.Equal([0L, 32L, 64L], file.Tensors.Select(t => t.Offset)); // 12 and 12 bytes, each padded to 32
        Assert.Equal(0, file.DataOffset % 32);
    }

    [Fact]
    public void Tensor_data_is_little_endian_at_the_aligned_offsets()
    {
        string path = _temp.File("sample.gguf");
        GgufWriter.WriteFile(Sample(), path);
        byte[] bytes = File.ReadAllBytes(path);
        GgufFile file = GgufReader.Read(path);

        long a = file.DataOffset + file.FindTensor("a")!.Offset;
        Assert.Equal(3f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan((int)a + 8)));
        long b = file.DataOffset + file.FindTensor("b")!.Offset;
        Assert.Equal((Half)65504f, BinaryPrimitives.ReadHalfLittleEndian(bytes.AsSpan((int)b + 4)));
        Assert.Equal(0, bytes.Length % 32);
        Assert.Equal("GGUF"u8.ToArray(), bytes[..4]);
    }

    [Fact]
    public void The_same_document_gives_the_same_bytes()
    {
        Assert.Equal(GgufWriter.ToBytes(Sample()), GgufWriter.ToBytes(Sample()));
    }
}
