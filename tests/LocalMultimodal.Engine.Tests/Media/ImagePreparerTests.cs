using LocalMultimodal.Media;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;

namespace LocalMultimodal.Tests.Media;

public sealed class ImagePreparerTests
{
    private static readonly ImageMediaOptions Options = new();

    private static PreparedImage Prepare(ImageInput input, ImageMediaOptions? options = null) =>
        ImagePreparer.Prepare(input, options ?? Options);

    [Fact]
    public void Png_EqualsTheSameRawRgbPixels()
    {
        using var image = Image.LoadPixelData<Rgb24>(TestImages.RgbPixels(), 3, 2);
        byte[] png = TestImages.Encode(image, new PngEncoder());

        PreparedImage prepared = Prepare(ImageInput.FromEncoded(png));

        Assert.Equal(3, prepared.Width);
        Assert.Equal(2, prepared.Height);
        Assert.Equal(TestImages.RgbPixels(), prepared.Rgb);
        Assert.Equal(prepared.Rgb, Prepare(ImageInput.FromPixels(3, 2, PixelFormat.Rgb24, TestImages.RgbPixels())).Rgb);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RgbaPng_RawRgbaAndImageObject_GiveTheSameBytes(bool blackBackground)
    {
        var options = new ImageMediaOptions { RgbaBackgroundColor = blackBackground ? RgbColor.Black : RgbColor.White };
        byte[] pixels = TestImages.RgbaPixels();
        using var image = Image.LoadPixelData<Rgba32>(pixels, 3, 2);
        byte[] png = TestImages.Encode(image, new PngEncoder { ColorType = PngColorType.RgbWithAlpha });

        byte[] fromRaw = Prepare(ImageInput.FromPixels(3, 2, PixelFormat.Rgba32, pixels), options).Rgb;

        Assert.Equal(fromRaw, Prepare(ImageInput.FromEncoded(png), options).Rgb);
        Assert.Equal(fromRaw, Prepare(ImageInput.FromImage(image), options).Rgb);
        // The opaque first pixel is untouched, the fully transparent third is the background.
        Assert.Equal([255, 0, 0], fromRaw[..3]);
        byte bg = blackBackground ? (byte)0 : (byte)255;
        Assert.Equal([bg, bg, bg], fromRaw[6..9]);
    }

    [Fact]
    public void Jpeg_DecodesCloseToTheSource()
    {
        using var image = new Image<Rgb24>(16, 16, new Rgb24(200, 100, 50));
        byte[] jpeg = TestImages.Encode(image, new JpegEncoder { Quality = 95 });

        PreparedImage prepared = Prepare(ImageInput.FromEncoded(jpeg));

        Assert.Equal(16 * 16 * 3, prepared.Rgb.Length);
        for (int i = 0; i < prepared.Rgb.Length; i += 3)
        {
            Assert.InRange(prepared.Rgb[i], 197, 203);
            Assert.InRange(prepared.Rgb[i + 1], 97, 103);
            Assert.InRange(prepared.Rgb[i + 2], 47, 53);
        }
    }

    [Fact]
    public void Bmp_RoundTripsExactly()
    {
        using var image = Image.LoadPixelData<Rgb24>(TestImages.RgbPixels(), 3, 2);
        byte[] bmp = TestImages.Encode(image, new BmpEncoder { BitsPerPixel = BmpBitsPerPixel.Pixel24 });
        Assert.Equal(TestImages.RgbPixels(), Prepare(ImageInput.FromEncoded(bmp)).Rgb);
    }

    [Fact]
    public void LosslessWebp_WithAlpha_EqualsTheRawRgba()
    {
        byte[] pixels = TestImages.RgbaPixels();
        using var image = Image.LoadPixelData<Rgba32>(pixels, 3, 2);
        byte[] webp = TestImages.Encode(image, new WebpEncoder { FileFormat = WebpFileFormatType.Lossless, TransparentColorMode = WebpTransparentColorMode.Preserve });

        Assert.Equal(Prepare(ImageInput.FromPixels(3, 2, PixelFormat.Rgba32, pixels)).Rgb, Prepare(ImageInput.FromEncoded(webp)).Rgb);
    }

    [Fact]
    public void AnimatedGif_GivesTheFirstFrame()
    {
        using var gif = new Image<Rgba32>(4, 4, new Rgba32(255, 0, 0));
        using (var second = new Image<Rgba32>(4, 4, new Rgba32(0, 0, 255)))
        {
            gif.Frames.AddFrame(second.Frames.RootFrame);
        }

        byte[] bytes = TestImages.Encode(gif, new GifEncoder());
        Assert.Equal(2, Image.Load<Rgba32>(bytes).Frames.Count);

        PreparedImage prepared = Prepare(ImageInput.FromEncoded(bytes));

        Assert.Equal(Enumerable.Repeat<byte[]>([255, 0, 0], 16).SelectMany(p => p), prepared.Rgb);
    }

    [Fact]
    public void ImageObjectWithFrames_GivesTheFirstFrameAndStaysUsable()
    {
        using var image = new Image<Rgb24>(2, 2, new Rgb24(1, 2, 3));
        using (var second = new Image<Rgb24>(2, 2, new Rgb24(9, 9, 9)))
        {
            image.Frames.AddFrame(second.Frames.RootFrame);
        }

        Assert.Equal(Enumerable.Repeat<byte[]>([1, 2, 3], 4).SelectMany(p => p), Prepare(ImageInput.FromImage(image)).Rgb);
        Assert.Equal(2, image.Frames.Count);
    }

    [Fact]
    public void SingleFrameImageObject_IsNotDisposed()
    {
        using var image = Image.LoadPixelData<Rgb24>(TestImages.RgbPixels(), 3, 2);

        Assert.Equal(TestImages.RgbPixels(), Prepare(ImageInput.FromImage(image)).Rgb);
        Assert.Equal(new Rgb24(255, 0, 0), image[0, 0]);
    }

    [Fact]
    public void GrayscaleImageObject_BecomesGrayRgb()
    {
        using var image = new Image<L8>(2, 1, new L8(77));
        Assert.Equal([77, 77, 77, 77, 77, 77], Prepare(ImageInput.FromImage(image)).Rgb);
    }

    [Fact]
    public void TransparentRed_BecomesTheBackground()
    {
        byte[] pixel = [255, 0, 0, 0];
        Assert.Equal([255, 255, 255], Prepare(ImageInput.FromPixels(1, 1, PixelFormat.Rgba32, pixel)).Rgb);

        var black = new ImageMediaOptions { RgbaBackgroundColor = RgbColor.Black };
        Assert.Equal([0, 0, 0], Prepare(ImageInput.FromPixels(1, 1, PixelFormat.Rgba32, pixel), black).Rgb);

        var custom = new ImageMediaOptions { RgbaBackgroundColor = new RgbColor(10, 20, 30) };
        Assert.Equal([10, 20, 30], Prepare(ImageInput.FromPixels(1, 1, PixelFormat.Rgba32, pixel), custom).Rgb);
    }

    [Theory]
    [InlineData(128, 255, 127)]
    [InlineData(127, 255, 128)]
    public void HalfTransparentRed_OverWhite_IsPink(byte alpha, byte red, byte greenAndBlue)
    {
        byte[] rgb = Prepare(ImageInput.FromPixels(1, 1, PixelFormat.Rgba32, new byte[] { 255, 0, 0, alpha })).Rgb;
        Assert.Equal([red, greenAndBlue, greenAndBlue], rgb);
    }

    [Fact]
    public void PartialAlpha_RoundsToTheNearestValue()
    {
        // (200*100 + 10*155) / 255 = 84.5, (100*100 + 20*155) / 255 = 51.4, (50*100 + 30*155) / 255 = 37.8
        var options = new ImageMediaOptions { RgbaBackgroundColor = new RgbColor(10, 20, 30) };
        byte[] rgb = Prepare(ImageInput.FromPixels(1, 1, PixelFormat.Rgba32, new byte[] { 200, 100, 50, 100 }), options).Rgb;
        Assert.Equal([85, 51, 38], rgb);
    }

    [Fact]
    public void OpaqueImages_AreUntouched()
    {
        var random = new Random(5);
        var rgb = new byte[32 * 8 * 3];
        random.NextBytes(rgb);
        var rgba = new byte[32 * 8 * 4];
        for (int i = 0; i < 32 * 8; i++)
        {
            rgb.AsSpan(i * 3, 3).CopyTo(rgba.AsSpan(i * 4));
            rgba[(i * 4) + 3] = 255;
        }

        var black = new ImageMediaOptions { RgbaBackgroundColor = RgbColor.Black };
        Assert.Equal(rgb, Prepare(ImageInput.FromPixels(32, 8, PixelFormat.Rgb24, rgb), black).Rgb);
        Assert.Equal(rgb, Prepare(ImageInput.FromPixels(32, 8, PixelFormat.Rgba32, rgba), black).Rgb);
        using var image = Image.LoadPixelData<Rgb24>(rgb, 32, 8);
        Assert.Equal(rgb, Prepare(ImageInput.FromEncoded(TestImages.Encode(image, new PngEncoder())), black).Rgb);
    }

    [Fact]
    public void ReferenceOnlyInput_IsAProgrammingError()
    {
        Assert.Throws<ArgumentException>(() => Prepare(ImageInput.Reference("img-1")));
    }
}
