using System.Buffers.Binary;
using System.Runtime.InteropServices;
using LocalMultimodal.Errors;
using NAudio.Wave;

namespace LocalMultimodal.Media;

/// <summary>
/// Decodes WAV bytes (PCM 8/16/24/32-bit, IEEE float 32/64, plain or WAVE_FORMAT_EXTENSIBLE, any
/// channel count) to mono. NAudio parses the chunks; the header values it reads are checked here,
/// because it accepts 0 Hz, 0 channels and data sizes larger than the file.
/// </summary>
internal static class WavDecoder
{
    private const int FramesPerChunk = 4096;

    // KSDATAFORMAT_SUBTYPE_PCM and KSDATAFORMAT_SUBTYPE_IEEE_FLOAT, the sub-formats of WAVE_FORMAT_EXTENSIBLE.
    private static readonly Guid PcmSubFormat = new("00000001-0000-0010-8000-00aa00389b71");
    private static readonly Guid FloatSubFormat = new("00000003-0000-0010-8000-00aa00389b71");

    /// <summary>Whether the bytes start like a RIFF/WAVE file; everything else is left to ffmpeg.</summary>
    public static bool IsWav(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes.Slice(8, 4).SequenceEqual("WAVE"u8);

    /// <summary>Decodes and averages the channels; throws <see cref="InvalidRequestException"/> on any bad or too long file.</summary>
    public static float[] DecodeMono(ReadOnlyMemory<byte> bytes, AudioMediaOptions options, out int sampleRate)
    {
        if (bytes.IsEmpty)
        {
            throw AudioPreparer.Invalid("The audio is empty.");
        }

        using var stream = OpenRead(bytes);
        WaveFileReader reader;
        try
        {
            reader = new WaveFileReader(stream);
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or OperationCanceledException))
        {
            // NAudio fails with many exception types (format, end of stream, divide by zero for a
            // zero block size); none of their text reaches the caller.
            throw AudioPreparer.Invalid("The audio is not a readable WAV file: its header is missing, corrupt or truncated.", ex);
        }

        using (reader)
        {
            // The reader's constructor leaves the stream at the start of the data chunk.
            long available = stream.Length - stream.Position;
            return Decode(reader, available, options, out sampleRate);
        }
    }

    private static float[] Decode(WaveFileReader reader, long available, AudioMediaOptions options, out int sampleRate)
    {
        WaveFormat format = reader.WaveFormat;
        sampleRate = format.SampleRate;
        int channels = format.Channels;
        int bits = format.BitsPerSample;
        AudioPreparer.CheckFormat(sampleRate, channels);

        bool isFloat = ResolveEncoding(format) switch
        {
            WaveFormatEncoding.Pcm when bits is 8 or 16 or 24 or 32 => false,
            WaveFormatEncoding.IeeeFloat when bits is 32 or 64 => true,
            _ => throw AudioPreparer.Invalid($"The WAV encoding ({DescribeEncoding(format)}, {bits}-bit) is not supported; use PCM 8/16/24/32-bit or IEEE float 32/64-bit."),
        };

        int bytesPerSample = bits / 8;
        if (format.BlockAlign != channels * bytesPerSample)
        {
            throw AudioPreparer.Invalid($"The WAV header is inconsistent: block size {format.BlockAlign} for {channels} channels of {bits}-bit samples.");
        }

        if (reader.Length > available)
        {
            throw AudioPreparer.Invalid($"The WAV data chunk declares {reader.Length} bytes but the file holds {available}: it is truncated or corrupt.");
        }

        // The declared size is what the reader will deliver at most, so checking it caps the
        // decoded duration before a single sample is decoded or any buffer is sized from it.
        long frames = reader.Length / format.BlockAlign;
        AudioPreparer.CheckDuration(frames, sampleRate, options);

        var mono = new float[frames];
        var raw = new byte[FramesPerChunk * format.BlockAlign];
        var decoded = new float[FramesPerChunk * channels];
        long done = 0;
        while (done < frames)
        {
            int want = (int)Math.Min(FramesPerChunk, frames - done);
            int length = want * format.BlockAlign;
            if (ReadFully(reader, raw, length) != length)
            {
                throw AudioPreparer.Invalid("The WAV data ended early: the file is truncated.");
            }

            Span<float> chunk = decoded.AsSpan(0, want * channels);
            ToFloat(raw.AsSpan(0, length), bytesPerSample, isFloat, chunk);
            AudioPreparer.CheckFinite(chunk);
            AudioMixer.ToMono(chunk, channels, AudioLayout.TimeMajor, mono.AsSpan((int)done, want));
            done += want;
        }

        return mono;
    }

    private static WaveFormatEncoding ResolveEncoding(WaveFormat format)
    {
        if (format.Encoding != WaveFormatEncoding.Extensible)
        {
            return format.Encoding;
        }

        // WAVE_FORMAT_EXTENSIBLE: valid bits (2), channel mask (4), then the sub-format GUID.
        if (format is not WaveFormatExtraData extra || format.ExtraSize < 22)
        {
            throw AudioPreparer.Invalid("The WAV header is inconsistent: an extensible format without its sub-format.");
        }

        var subFormat = new Guid(extra.ExtraData.AsSpan(6, 16));
        return subFormat == PcmSubFormat ? WaveFormatEncoding.Pcm
            : subFormat == FloatSubFormat ? WaveFormatEncoding.IeeeFloat
            : WaveFormatEncoding.Unknown;
    }

    private static string DescribeEncoding(WaveFormat format) =>
        Enum.IsDefined(format.Encoding) ? format.Encoding.ToString() : $"format tag {(int)format.Encoding}";

    private static void ToFloat(ReadOnlySpan<byte> raw, int bytesPerSample, bool isFloat, Span<float> samples)
    {
        for (int i = 0; i < samples.Length; i++)
        {
            ReadOnlySpan<byte> s = raw.Slice(i * bytesPerSample, bytesPerSample);
            samples[i] = (bytesPerSample, isFloat) switch
            {
                (1, false) => (s[0] - 128) / 128f,
                (2, false) => BinaryPrimitives.ReadInt16LittleEndian(s) / 32768f,
                (3, false) => (s[0] | (s[1] << 8) | ((sbyte)s[2] << 16)) / 8388608f,
                (4, false) => (float)(BinaryPrimitives.ReadInt32LittleEndian(s) / 2147483648.0),
                (4, true) => BinaryPrimitives.ReadSingleLittleEndian(s),
                _ => (float)BinaryPrimitives.ReadDoubleLittleEndian(s),
            };
        }
    }

    private static int ReadFully(WaveFileReader reader, byte[] buffer, int count)
    {
        int total = 0;
        while (total < count)
        {
            int read = reader.Read(buffer, total, count - total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    private static MemoryStream OpenRead(ReadOnlyMemory<byte> bytes) =>
        MemoryMarshal.TryGetArray(bytes, out ArraySegment<byte> segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);
}
