namespace LocalMultimodal.Media;

/// <summary>
/// An image ready for the projector: packed RGB24, row-major, top-down, exactly the layout
/// <c>SafeMtmdEmbed.FromRgbBytes(nx, ny, rgb)</c> takes.
/// </summary>
internal sealed class PreparedImage
{
    public PreparedImage(int width, int height, byte[] rgb)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(rgb);
        if (rgb.LongLength != (long)width * height * 3)
        {
            throw new ArgumentException($"Expected {(long)width * height * 3} bytes for {width}x{height} RGB24, got {rgb.LongLength}.", nameof(rgb));
        }

        Width = width;
        Height = height;
        Rgb = rgb;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Width * Height * 3 bytes: red, green, blue for each pixel.</summary>
    public byte[] Rgb { get; }

    /// <summary>For a frame decoded from a video file: its time from the video's first frame, in seconds; null otherwise.</summary>
    public double? Seconds { get; init; }
}
