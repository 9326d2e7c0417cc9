namespace LocalMultimodal.Media;

/// <summary>How images are prepared (vLLM's <c>media_io_kwargs.image</c>) and the limits they must fit.</summary>
public sealed class ImageMediaOptions
{
    /// <summary>The colour images with alpha are composited onto. White by default.</summary>
    public RgbColor RgbaBackgroundColor { get; set; } = RgbColor.White;

    /// <summary>The widest image accepted, read from the header before decoding.</summary>
    public int MaxWidth { get; set; } = 8192;

    /// <summary>The tallest image accepted, read from the header before decoding.</summary>
    public int MaxHeight { get; set; } = 8192;

    /// <summary>The most pixels (width times height) accepted.</summary>
    public long MaxPixels { get; set; } = 40_000_000;
}
