using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace LocalMultimodal.Testing;

/// <summary>Packed RGB24 / RGBA32 pixel buffers (row-major, top-down) and their PNG encodings.</summary>
public static class ColourImages
{
    public static byte[] Solid(int width, int height, byte r, byte g, byte b) =>
        Fill(width, height, (_, _) => (r, g, b));

    /// <summary>An RGB image whose pixel (x, y) has the colour <paramref name="pixel"/> returns.</summary>
    public static byte[] Fill(int width, int height, Func<int, int, (byte R, byte G, byte B)> pixel)
    {
        var rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                (byte r, byte g, byte b) = pixel(x, y);
                int i = (y * width + x) * 3;
                rgb[i] = r;
                rgb[i + 1] = g;
                rgb[i + 2] = b;
            }
        }

        return rgb;
    }

    /// <summary>A horizontal red-to-blue gradient (green rises down the rows); <paramref name="shift"/> rotates the red ramp to make a different picture of the same size.</summary>
    public static byte[] Gradient(int width, int height, int shift = 0) => Fill(width, height, (x, y) =>
    {
        int r = ((255 * x / (width - 1)) + shift) % 256;
        return ((byte)r, (byte)(128 * y / (height - 1)), (byte)(255 - r));
    });

    /// <summary>A black-and-white checkerboard of 8-pixel squares.</summary>
    public static byte[] Checkerboard(int width, int height) => Fill(width, height, (x, y) =>
        ((x / 8) + (y / 8)) % 2 == 0 ? ((byte)0, (byte)0, (byte)0) : ((byte)255, (byte)255, (byte)255));

    /// <summary>A PNG of <see cref="Gradient"/>.</summary>
    public static byte[] GradientPng(int width = 64, int height = 64, int shift = 0) => Png(width, height, Gradient(width, height, shift));

    /// <summary>A PNG of one colour.</summary>
    public static byte[] SolidPng(int width, int height, byte r, byte g, byte b) => Png(width, height, Solid(width, height, r, g, b));

    public static byte[] SolidRgba(int width, int height, byte r, byte g, byte b, byte alpha)
    {
        var rgba = new byte[width * height * 4];
        for (int i = 0; i < rgba.Length; i += 4)
        {
            rgba[i] = r;
            rgba[i + 1] = g;
            rgba[i + 2] = b;
            rgba[i + 3] = alpha;
        }

        return rgba;
    }

    /// <summary>The same pixels with R and B exchanged: BGR bytes, as a BGR source would hand them over.</summary>
    public static byte[] SwapRedAndBlue(byte[] rgb)
    {
        byte[] swapped = (byte[])rgb.Clone();
        for (int i = 0; i < swapped.Length; i += 3)
        {
            (swapped[i], swapped[i + 2]) = (swapped[i + 2], swapped[i]);
        }

        return swapped;
    }

    public static byte[] Png(int width, int height, byte[] rgb)
    {
        using Image<Rgb24> image = Image.LoadPixelData<Rgb24>(rgb, width, height);
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }

    public static byte[] PngRgba(int width, int height, byte[] rgba)
    {
        using Image<Rgba32> image = Image.LoadPixelData<Rgba32>(rgba, width, height);
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }
}
