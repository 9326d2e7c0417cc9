using System.Text;

namespace LocalMultimodal.Gguf.Tests;

public sealed class GgufReaderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Missing_file_is_a_format_error_naming_the_file()
    {
        string path = _temp.File("nope.gguf");
        var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read(path));
        Assert.Equal(path, error.Path);
        Assert.Contains(path, error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void Truncated_file_on_disk_is_a_format_error_naming_the_file()
    {
        string path = _temp.File("truncated.gguf");
        File.WriteAllBytes(path, GgufWriter.ToBytes(GgufRoundTripTests.Sample())[..100]);
        var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("truncated", error.Problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData("GG")]
    [InlineData("hello, this is a text file and not a model")]
    public void Non_gguf_content_is_refused_by_magic(string content)
    {
        var error = Assert.Throws<GgufFormatException>(() => Read(Encoding.UTF8.GetBytes(content)));
        Assert.Contains("magic", error.Problem);
    }

    [Fact]
    public void Every_truncation_of_a_valid_file_is_a_format_error()
    {
        byte[] bytes = GgufWriter.ToBytes(GgufRoundTripTests.Sample());
        for (int length = 0; length < bytes.Length - 31; length++) // the last 31 bytes can be padding
        {
            Assert.Throws<GgufFormatException>(() => Read(bytes[..length]));
        }
    }

    [Fact]
    public void Random_corruption_never_escapes_as_another_exception()
    {
        byte[] valid = GgufWriter.ToBytes(GgufRoundTripTests.Sample());
        int headerLength = (int)Read(valid).DataOffset;
        var random = new Random(1234);
        for (int i = 0; i < 3000; i++)
        {
            byte[] bytes = (byte[])valid.Clone();
            for (int flips = random.Next(1, 4); flips > 0; flips--)
            {
                bytes[random.Next(headerLength)] = (byte)random.Next(256);
            }

            try
            {
                Read(bytes);
            }
            catch (GgufFormatException)
            {
            }
        }
    }

    [Fact]
    public void Unsupported_version_is_refused()
    {
        byte[] bytes = Header(version: 1, tensors: 0, kvs: 0);
        Assert.Contains("version 1", Assert.Throws<GgufFormatException>(() => Read(bytes)).Problem);
    }

    [Fact]
    public void Huge_counts_are_refused_before_allocating()
    {
        Assert.Contains("metadata count", Assert.Throws<GgufFormatException>(() => Read(Header(3, 0, ulong.MaxValue))).Problem);
        Assert.Contains("tensor count", Assert.Throws<GgufFormatException>(() => Read(Header(3, 1UL << 60, 0))).Problem);
    }

    [Fact]
    public void Huge_string_and_array_lengths_are_refused_before_allocating()
    {
        byte[] longKey = Concat(Header(3, 0, 1), BitConverter.GetBytes(long.MaxValue), new byte[64]);
        Assert.Contains("claims", Assert.Throws<GgufFormatException>(() => Read(longKey)).Problem);

        byte[] longArray = Concat(Header(3, 0, 1), Str("k"), BitConverter.GetBytes((uint)GgufValueType.Array),
            BitConverter.GetBytes((uint)GgufValueType.Float32), BitConverter.GetBytes(1UL << 40), new byte[64]);
        Assert.Contains("array 'k'", Assert.Throws<GgufFormatException>(() => Read(longArray)).Problem);
    }

    [Fact]
    public void Unknown_value_and_tensor_types_are_refused()
    {
        byte[] badValue = Concat(Header(3, 0, 1), Str("k"), BitConverter.GetBytes(99u));
        Assert.Contains("unknown value type 99", Assert.Throws<GgufFormatException>(() => Read(badValue)).Problem);

        byte[] badTensor = Concat(Header(3, 1, 0), Str("t"), BitConverter.GetBytes(1u), BitConverter.GetBytes(4UL),
            BitConverter.GetBytes(77u), BitConverter.GetBytes(0UL), new byte[64]);
        Assert.Contains("unknown ggml type 77", Assert.Throws<GgufFormatException>(() => Read(badTensor)).Problem);
    }

    [Fact]
    public void Non_sequential_tensor_offsets_are_refused()
    {
        byte[] twoTensors = Concat(
            Header(3, 2, 0),
            Str("a"), BitConverter.GetBytes(1u), BitConverter.GetBytes(4UL), BitConverter.GetBytes(0u), BitConverter.GetBytes(0UL),
            Str("b"), BitConverter.GetBytes(1u), BitConverter.GetBytes(4UL), BitConverter.GetBytes(0u), BitConverter.GetBytes(16UL),
            new byte[128]);
        var error = Assert.Throws<GgufFormatException>(() => Read(twoTensors));
        Assert.Contains("tensor 'b' has offset 16, expected 32", error.Problem);
    }

    [Fact]
    public void Tensor_data_past_the_end_of_the_file_is_refused()
    {
        byte[] bytes = GgufWriter.ToBytes(new GgufDocument().Add(new GgufTensor("big", [1024], GgmlType.F32, new float[1024])));
        var error = Assert.Throws<GgufFormatException>(() => Read(bytes[..^1024]));
        Assert.Contains("past the end of the file", error.Problem);
    }

    private static GgufFile Read(byte[] bytes) => GgufReader.Read(new MemoryStream(bytes), "test.gguf");

    private static byte[] Header(uint version, ulong tensors, ulong kvs) =>
        Concat("GGUF"u8.ToArray(), BitConverter.GetBytes(version), BitConverter.GetBytes(tensors), BitConverter.GetBytes(kvs));

    private static byte[] Str(string value) =>
        Concat(BitConverter.GetBytes((ulong)Encoding.UTF8.GetByteCount(value)), Encoding.UTF8.GetBytes(value));

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
