using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace LocalMultimodal.Media;

/// <summary>
/// Content keys for the caches when an item has no uuid: SHA-256 over the prepared data, so two
/// encodings of the same pixels (PNG bytes, raw buffer, ImageSharp image) share one key.
/// </summary>
internal static class MediaContentHash
{
    /// <summary>Lower-case hex SHA-256 of the image's size and pixels.</summary>
    public static string Of(PreparedImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // The modality tag and the size keep an image from colliding with audio or with the same
        // bytes at another size.
        hash.AppendData("image\0"u8);
        AppendInt32(hash, image.Width);
        AppendInt32(hash, image.Height);
        hash.AppendData(image.Rgb);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Lower-case hex SHA-256 of mono samples and their rate.</summary>
    public static string Of(ReadOnlySpan<float> samples, int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData("audio\0"u8);
        AppendInt32(hash, sampleRate);
        if (BitConverter.IsLittleEndian)
        {
            hash.AppendData(MemoryMarshal.AsBytes(samples));
        }
        else
        {
            Span<byte> buffer = stackalloc byte[sizeof(float)];
            foreach (float sample in samples)
            {
                BinaryPrimitives.WriteSingleLittleEndian(buffer, sample);
                hash.AppendData(buffer);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void AppendInt32(IncrementalHash hash, int value)
    {
        Span<byte> buffer = stackalloc byte[sizeof(int)];
        BinaryPrimitives.WriteInt32LittleEndian(buffer, value);
        hash.AppendData(buffer);
    }
}
