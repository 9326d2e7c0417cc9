namespace LocalMultimodal.Media;

/// <summary>An opaque colour, 0-255 a channel.</summary>
public readonly record struct RgbColor(byte R, byte G, byte B)
{
    /// <summary>White, the default background for images with alpha.</summary>
    public static RgbColor White { get; } = new(255, 255, 255);

    /// <summary>Black.</summary>
    public static RgbColor Black { get; } = new(0, 0, 0);

    /// <summary>Parses vLLM's <c>rgba_background_color</c> form: three whole numbers 0-255.</summary>
    /// <exception cref="ArgumentException">Not exactly three values, or one outside 0-255.</exception>
    public static RgbColor FromValues(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != 3 || values.Any(v => v < 0 || v > 255 || v != Math.Floor(v)))
        {
            throw new ArgumentException("rgba_background_color must be three whole numbers from 0 to 255, such as [255, 255, 255].", nameof(values));
        }

        return new((byte)values[0], (byte)values[1], (byte)values[2]);
    }
}
