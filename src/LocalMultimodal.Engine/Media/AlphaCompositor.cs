using SixLabors.ImageSharp.PixelFormats;

namespace LocalMultimodal.Media;

/// <summary>
/// Flattens straight-alpha RGBA onto an opaque background. Every image source (encoded bytes, raw
/// RGBA, ImageSharp images) goes through this one routine, so equal pixels give equal bytes.
/// </summary>
internal static class AlphaCompositor
{
    /// <summary>Writes one row: out = round((a * c + (255 - a) * bg) / 255). Opaque pixels come out unchanged.</summary>
    public static void CompositeRow(ReadOnlySpan<Rgba32> source, Span<byte> rgb, RgbColor background)
    {
        if (rgb.Length != source.Length * 3)
        {
            throw new ArgumentException("The RGB row must hold three bytes for each source pixel.", nameof(rgb));
        }

        for (int x = 0; x < source.Length; x++)
        {
            Rgba32 p = source[x];
            int a = p.A;
            int rest = 255 - a;
            Span<byte> o = rgb.Slice(x * 3, 3);
            o[0] = Blend(p.R, background.R, a, rest);
            o[1] = Blend(p.G, background.G, a, rest);
            o[2] = Blend(p.B, background.B, a, rest);
        }
    }

    // The numerator is never an odd multiple of 127.5, so adding 127 rounds to nearest with no ties;
    // with a = 255 the result is exactly c.
    private static byte Blend(byte color, byte background, int alpha, int rest) =>
        (byte)(((color * alpha) + (background * rest) + 127) / 255);
}
