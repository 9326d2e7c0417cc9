using LocalMultimodal.Errors;
using LocalMultimodal.Media;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace LocalMultimodal.Tests.Media;

public sealed class ImagePreparerErrorTests
{
    private static readonly ImageMediaOptions Options = new();

    private static InvalidRequestException Fails(ImageInput input, ImageMediaOptions? options = null)
    {
        var ex = Assert.Throws<InvalidRequestException>(() => ImagePreparer.Prepare(input, options ?? Options));
        if (ex.InnerException is { } inner)
        {
            Assert.DoesNotContain(inner.Message, ex.Message, StringComparison.Ordinal);
        }

        return ex;
    }

    private static byte[] NoisePng(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        new Random(6).NextBytes(pixels);
        using var image = Image.LoadPixelData<Rgb24>(pixels, width, height);
        return TestImages.Encode(image, new PngEncoder());
    }

    [Fact]
    public void BmpClaimingAHugeColourTable_IsRefusedWithoutAllocatingIt()
    {
        // Found by the image fuzz target: a 3x2 BMP whose header claims 0x52710000 colours; ImageSharp 2.1
        // allocated 1.2 GB for its colour table.
        byte[] bmp = Convert.FromBase64String("Qk3WZ7o64WKduwC0WlQoAAAAAwAAAAIAAAABABgAAAAAABgAAADEDgAAxA4AAAAAcVKn8yKabC1y+R7IHh7IHh6AHh7IHh7IHh7IHh6A");
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bmp.AsSpan(10), 54); // a sane pixel offset
        long before = GC.GetAllocatedBytesForCurrentThread();

        var ex = Fails(ImageInput.FromEncoded(bmp));

        Assert.Equal("invalid_image", ex.Code);
        Assert.Contains("colour table", ex.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
    }

    [Fact]
    public void BmpWhosePixelsStartPastTheEnd_IsRefused()
    {
        byte[] bmp = Convert.FromBase64String("Qk3WZ7o64WKduwC0WlQoAAAAAwAAAAIAAAABABgAAAAAABgAAADEDgAAxA4AAAAAcVKn8yKabC1y+R7IHh7IHh6AHh7IHh7IHh7IHh6A");
        bmp.AsSpan(46, 4).Clear(); // a sane colour count; the pixel offset (0x545AB400) stays

        var ex = Fails(ImageInput.FromEncoded(bmp));

        Assert.Contains("past the end of the file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HeaderClaimingAHugeImage_IsRefusedBeforeDecoding()
    {
        // There is no pixel data at all: only the header can have been read.
        var ex = Fails(ImageInput.FromEncoded(TestImages.PngHeaderOnly(100_000, 100_000)));
        Assert.Equal("image_too_large", ex.Code);
        Assert.Contains("100000x100000", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(50, 1000, 1_000_000)]
    [InlineData(1000, 5, 1_000_000)]
    [InlineData(1000, 1000, 999)]
    public void ImagesOverEachLimit_AreRefused(int maxWidth, int maxHeight, long maxPixels)
    {
        var options = new ImageMediaOptions { MaxWidth = maxWidth, MaxHeight = maxHeight, MaxPixels = maxPixels };
        byte[] png = NoisePng(100, 10);

        Assert.Equal("image_too_large", Fails(ImageInput.FromEncoded(png), options).Code);
        Assert.Equal("image_too_large", Fails(ImageInput.FromPixels(100, 10, PixelFormat.Rgb24, new byte[3000]), options).Code);
        using var image = new Image<Rgba32>(100, 10);
        Assert.Equal("image_too_large", Fails(ImageInput.FromImage(image), options).Code);
    }

    [Fact]
    public void ImageAtTheLimits_IsAccepted()
    {
        var options = new ImageMediaOptions { MaxWidth = 100, MaxHeight = 10, MaxPixels = 1000 };
        Assert.Equal(100, ImagePreparer.Prepare(ImageInput.FromEncoded(NoisePng(100, 10)), options).Width);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o' })]
    [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 0, 0, 0, 0, (byte)'W', (byte)'A', (byte)'V', (byte)'E' })]
    public void EmptyOrUnknownBytes_AreRefused(byte[] bytes)
    {
        Assert.Equal("invalid_image", Fails(ImageInput.FromEncoded(bytes)).Code);
    }

    [Fact]
    public void TiffIsNotDecoded()
    {
        using var image = new Image<Rgb24>(2, 2);
        using var stream = new MemoryStream();
        image.SaveAsTiff(stream);
        Assert.Equal("invalid_image", Fails(ImageInput.FromEncoded(stream.ToArray())).Code);
    }

    [Fact]
    public void TruncatedPng_IsRefused()
    {
        byte[] png = NoisePng(64, 64);
        Assert.Equal("invalid_image", Fails(ImageInput.FromEncoded(png[..(png.Length / 2)])).Code);
    }

    [Fact]
    public void CorruptPng_IsRefusedWithoutImageSharpsText()
    {
        byte[] png = NoisePng(64, 64);
        // Scramble the compressed pixel data, leaving the header readable.
        for (int i = 60; i < png.Length - 20; i += 7)
        {
            png[i] ^= 0x5A;
        }

        string imageSharpMessage = Assert.ThrowsAny<Exception>(() => Image.Load<Rgba32>(png)).Message;

        var ex = Fails(ImageInput.FromEncoded(png));

        Assert.Equal("invalid_image", ex.Code);
        Assert.DoesNotContain(imageSharpMessage, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 2, 0)]
    [InlineData(2, -1, 0)]
    [InlineData(2, 2, 11)]
    [InlineData(2, 2, 13)]
    public void RawBufferOfTheWrongSize_IsRefused(int width, int height, int length)
    {
        Assert.Equal("invalid_image", Fails(ImageInput.FromPixels(width, height, PixelFormat.Rgb24, new byte[length])).Code);
    }

    [Fact]
    public void RawRgbaBufferSizedForRgb_IsRefused()
    {
        Assert.Equal("invalid_image", Fails(ImageInput.FromPixels(2, 2, PixelFormat.Rgba32, new byte[12])).Code);
    }
}
