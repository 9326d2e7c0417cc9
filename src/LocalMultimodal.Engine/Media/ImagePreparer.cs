using System.Runtime.InteropServices;
using LocalMultimodal.Errors;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Metadata;
using SixLabors.ImageSharp.PixelFormats;

namespace LocalMultimodal.Media;

/// <summary>
/// Turns any <see cref="ImageInput"/> into packed RGB24 for the projector: header checked against
/// the limits before decoding, first frame only, alpha composited onto the configured background.
/// </summary>
internal static class ImagePreparer
{
    private const string SupportedFormats = "PNG, JPEG, WebP, GIF or BMP";

    // Only the formats we need: every extra decoder is attack surface (TIFF, TGA, PBM are left out).
    private static readonly Configuration DecoderConfiguration = CreateConfiguration();

    /// <summary>Prepares the image, or throws <see cref="InvalidRequestException"/> saying what is wrong with it.</summary>
    /// <exception cref="ArgumentException">The input carries no data (a uuid reference, which the caches resolve).</exception>
    public static PreparedImage Prepare(ImageInput input, ImageMediaOptions options)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);

        if (input.Encoded is { } encoded)
        {
            return FromEncoded(encoded, options);
        }

        if (input.Pixels is { } pixels)
        {
            return FromPixels(input.Width, input.Height, input.Format, pixels.Span, options);
        }

        if (input.Image is { } image)
        {
            return FromImage(image, options);
        }

        throw new ArgumentException("The image carries no data, only a uuid; resolve it through the cache.", nameof(input));
    }

    private static PreparedImage FromEncoded(ReadOnlyMemory<byte> bytes, ImageMediaOptions options)
    {
        if (bytes.IsEmpty)
        {
            throw Invalid("The image is empty.");
        }

        if (BmpHeaderCheck.Problem(bytes.Span) is { } problem)
        {
            throw Invalid(problem);
        }

        using var stream = OpenRead(bytes);
        IImageInfo? info;
        try
        {
            info = Image.Identify(DecoderConfiguration, stream);
        }
        catch (Exception ex) when (IsDecoderFailure(ex))
        {
            throw Invalid($"The image could not be read: its header is corrupt or it is not {SupportedFormats}.", ex);
        }

        if (info is null)
        {
            throw Invalid($"The image is not in a supported format ({SupportedFormats}).");
        }

        CheckLimits(info.Width, info.Height, options);

        stream.Position = 0;
        Image<Rgba32> image;
        try
        {
            image = Image.Load<Rgba32>(DecoderConfiguration, stream);
        }
        catch (Exception ex) when (IsDecoderFailure(ex))
        {
            throw Invalid("The image could not be decoded: its data is corrupt or truncated.", ex);
        }

        using (image)
        {
            return FromFrame(image.Frames.RootFrame, options);
        }
    }

    private static PreparedImage FromPixels(int width, int height, PixelFormat format, ReadOnlySpan<byte> pixels, ImageMediaOptions options)
    {
        if (width <= 0 || height <= 0)
        {
            throw Invalid($"The image size {width}x{height} is invalid; width and height must be positive.");
        }

        CheckLimits(width, height, options);

        int bytesPerPixel = format switch
        {
            PixelFormat.Rgb24 => 3,
            PixelFormat.Rgba32 => 4,
            _ => throw Invalid($"The pixel format '{format}' is not supported; use Rgb24 or Rgba32."),
        };

        long expected = (long)width * height * bytesPerPixel;
        if (pixels.Length != expected)
        {
            throw Invalid($"The pixel buffer holds {pixels.Length} bytes, but a {width}x{height} {format} image needs {expected}.");
        }

        var rgb = new byte[(long)width * height * 3];
        if (format == PixelFormat.Rgb24)
        {
            // No alpha: the pixels go through untouched.
            pixels.CopyTo(rgb);
        }
        else
        {
            AlphaCompositor.CompositeRow(MemoryMarshal.Cast<byte, Rgba32>(pixels), rgb, options.RgbaBackgroundColor);
        }

        return new PreparedImage(width, height, rgb);
    }

    private static PreparedImage FromImage(Image image, ImageMediaOptions options)
    {
        CheckLimits(image.Width, image.Height, options);

        if (image is Image<Rgba32> rgba)
        {
            return FromFrame(rgba.Frames.RootFrame, options);
        }

        // Other pixel types are converted through Rgba32 so they meet the same compositing routine.
        // Only the first frame is cloned: an animated image may hold many.
        // The caller owns the image, so only our own clones are disposed.
        using Image? firstFrame = image.Frames.Count > 1 ? image.Frames.CloneFrame(0) : null;
        using Image<Rgba32> converted = (firstFrame ?? image).CloneAs<Rgba32>();
        return FromFrame(converted.Frames.RootFrame, options);
    }

    private static PreparedImage FromFrame(ImageFrame<Rgba32> frame, ImageMediaOptions options)
    {
        int width = frame.Width;
        int height = frame.Height;
        CheckLimits(width, height, options);

        var rgb = new byte[(long)width * height * 3];
        RgbColor background = options.RgbaBackgroundColor;
        frame.ProcessPixelRows(accessor =>
        {
            for (int y = 0; y < accessor.Height; y++)
            {
                AlphaCompositor.CompositeRow(accessor.GetRowSpan(y), rgb.AsSpan(y * width * 3, width * 3), background);
            }
        });

        return new PreparedImage(width, height, rgb);
    }

    private static void CheckLimits(int width, int height, ImageMediaOptions options)
    {
        if (width > options.MaxWidth || height > options.MaxHeight || (long)width * height > options.MaxPixels)
        {
            throw new InvalidRequestException(
                $"The image is {width}x{height}; the limit is {options.MaxWidth}x{options.MaxHeight} and {options.MaxPixels} pixels.",
                MediaErrorCodes.ImageTooLarge);
        }
    }

    private static MemoryStream OpenRead(ReadOnlyMemory<byte> bytes) =>
        MemoryMarshal.TryGetArray(bytes, out ArraySegment<byte> segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);

    // Decoders fail on hostile input in many ways (format errors, out-of-range reads, allocation
    // refusals); all of them mean "bad image". The inner exception is kept for logs only: its text
    // is never part of our message.
    private static bool IsDecoderFailure(Exception ex) => ex is not (OutOfMemoryException or OperationCanceledException);

    private static InvalidRequestException Invalid(string message, Exception? inner = null) =>
        new(message, MediaErrorCodes.InvalidImage, inner);

    private static Configuration CreateConfiguration()
    {
        var configuration = new Configuration(
            new PngConfigurationModule(),
            new JpegConfigurationModule(),
            new WebpConfigurationModule(),
            new GifConfigurationModule(),
            new BmpConfigurationModule());

        // Animated GIFs: decode only the first frame instead of the whole animation.
        configuration.ImageFormatsManager.SetDecoder(GifFormat.Instance, new GifDecoder { DecodingMode = FrameDecodingMode.First });
        return configuration;
    }
}
