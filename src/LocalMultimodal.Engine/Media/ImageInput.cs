using SixLabors.ImageSharp;

namespace LocalMultimodal.Media;

/// <summary>An image: encoded bytes (PNG, JPEG, WebP, GIF, BMP), a raw pixel buffer, or an ImageSharp image.</summary>
public sealed class ImageInput : MediaInput
{
    private ImageInput(string? uuid) : base(uuid)
    {
    }

    /// <inheritdoc />
    public override MediaModality Modality => MediaModality.Image;

    /// <inheritdoc />
    public override bool IsReferenceOnly => Encoded is null && Pixels is null && Image is null;

    /// <summary>Encoded file bytes, when the image was given that way.</summary>
    public ReadOnlyMemory<byte>? Encoded { get; private init; }

    /// <summary>Raw pixels, when the image was given that way.</summary>
    public ReadOnlyMemory<byte>? Pixels { get; private init; }

    /// <summary>Width of <see cref="Pixels"/>.</summary>
    public int Width { get; private init; }

    /// <summary>Height of <see cref="Pixels"/>.</summary>
    public int Height { get; private init; }

    /// <summary>Layout of <see cref="Pixels"/>.</summary>
    public PixelFormat Format { get; private init; }

    /// <summary>An in-memory ImageSharp image, when the image was given that way. The caller keeps ownership.</summary>
    public Image? Image { get; private init; }

    /// <summary>
    /// Fewest pixels the image may be resized to before encoding (vLLM's <c>mm_processor_kwargs.min_pixels</c>), or
    /// null for no lower bound. Only dynamic-resolution projectors (the Qwen-VL family) resize; others ignore it.
    /// </summary>
    public int? MinPixels { get; private init; }

    /// <summary>
    /// Most pixels the image may be resized to before encoding (vLLM's <c>mm_processor_kwargs.max_pixels</c>), or
    /// null for no upper bound. Only dynamic-resolution projectors (the Qwen-VL family) resize; others ignore it.
    /// </summary>
    public int? MaxPixels { get; private init; }

    /// <summary>
    /// This image with a visual token budget: a dynamic-resolution projector resizes it (the Qwen2-VL processor's
    /// <c>smart_resize</c>) so its width × height falls within [<paramref name="minPixels"/>, <paramref name="maxPixels"/>].
    /// The values are checked when the image is prepared.
    /// </summary>
    public ImageInput WithPixelBudget(int? minPixels, int? maxPixels) => new(Uuid)
    {
        Encoded = Encoded,
        Pixels = Pixels,
        Width = Width,
        Height = Height,
        Format = Format,
        Image = Image,
        MinPixels = minPixels,
        MaxPixels = maxPixels,
    };

    /// <summary>An image from encoded file bytes.</summary>
    public static ImageInput FromEncoded(ReadOnlyMemory<byte> bytes, string? uuid = null) =>
        new(uuid) { Encoded = bytes };

    /// <summary>An image from a packed, row-major, top-down pixel buffer.</summary>
    public static ImageInput FromPixels(int width, int height, PixelFormat format, ReadOnlyMemory<byte> pixels, string? uuid = null) =>
        new(uuid) { Width = width, Height = height, Format = format, Pixels = pixels };

    /// <summary>An image from an ImageSharp image (any pixel type). The caller keeps ownership of it.</summary>
    public static ImageInput FromImage(Image image, string? uuid = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        return new(uuid) { Image = image };
    }

    /// <summary>An image sent by uuid only: it must be in a cache from an earlier request.</summary>
    public static ImageInput Reference(string uuid)
    {
        ArgumentNullException.ThrowIfNull(uuid);
        return new(uuid);
    }
}
