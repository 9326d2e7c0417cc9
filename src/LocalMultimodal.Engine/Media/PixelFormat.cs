namespace LocalMultimodal.Media;

/// <summary>The layout of a raw pixel buffer: packed, row-major, top-down.</summary>
public enum PixelFormat
{
    /// <summary>3 bytes a pixel: red, green, blue.</summary>
    Rgb24,

    /// <summary>4 bytes a pixel: red, green, blue, alpha (straight, not premultiplied).</summary>
    Rgba32,
}
