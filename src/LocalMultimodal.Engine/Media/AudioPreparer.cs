using LocalMultimodal.Errors;

namespace LocalMultimodal.Media;

/// <summary>
/// Turns any <see cref="AudioInput"/> into mono float samples at the projector's rate: validated,
/// channels averaged, resampled. Encoded clips are sniffed: WAV is read in process, anything else goes
/// through ffmpeg, which also averages the channels and resamples.
/// </summary>
internal static class AudioPreparer
{
    /// <summary>The highest sample rate accepted; far above any real recording, low enough to bound the filter.</summary>
    public const int MaxSampleRate = 768_000;

    /// <summary>Prepares the clip, or throws <see cref="InvalidRequestException"/> saying what is wrong with it.</summary>
    /// <param name="input">The clip.</param>
    /// <param name="targetSampleRate">The projector's sample rate.</param>
    /// <param name="options">Limits.</param>
    /// <param name="formatHint">The declared format (OpenAI's <c>input_audio.format</c>, e.g. "mp3"): used only when the content alone cannot be recognised.</param>
    /// <param name="cancellationToken">Cancels the work and kills ffmpeg.</param>
    /// <exception cref="ArgumentException">The input carries no data (a uuid reference, which the caches resolve).</exception>
    public static async Task<float[]> PrepareAsync(
        AudioInput input, int targetSampleRate, AudioMediaOptions options, string? formatHint = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetSampleRate);
        if (!(options.MaxDurationSeconds > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxDurationSeconds, "MaxDurationSeconds must be positive.");
        }

        float[] mono;
        int sampleRate;
        if (input.Samples is { } samples)
        {
            sampleRate = input.SampleRate;
            mono = FromSamples(samples.Span, sampleRate, input.Channels, input.Layout, options);
        }
        else if (input.Encoded is { } encoded)
        {
            if (encoded.IsEmpty || WavDecoder.IsWav(encoded.Span))
            {
                mono = WavDecoder.DecodeMono(encoded, options, out sampleRate);
            }
            else
            {
                return await FfmpegAudioDecoder.DecodeAsync(encoded, targetSampleRate, options, formatHint, tempDirectory: null, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            throw new ArgumentException("The audio carries no data, only a uuid; resolve it through the cache.", nameof(input));
        }

        return AudioResampler.Resample(mono, sampleRate, targetSampleRate);
    }

    private static float[] FromSamples(ReadOnlySpan<float> samples, int sampleRate, int channels, AudioLayout layout, AudioMediaOptions options)
    {
        CheckFormat(sampleRate, channels);
        if (samples.IsEmpty)
        {
            throw Invalid("The audio has no samples.");
        }

        if (samples.Length % channels != 0)
        {
            throw Invalid($"The audio has {samples.Length} samples, which is not a whole number of frames of {channels} channels.");
        }

        if (!Enum.IsDefined(layout))
        {
            throw Invalid($"The audio layout '{layout}' is not supported.");
        }

        int frames = samples.Length / channels;
        CheckDuration(frames, sampleRate, options);
        CheckFinite(samples);

        var mono = new float[frames];
        AudioMixer.ToMono(samples, channels, layout, mono);
        return mono;
    }

    internal static void CheckFormat(int sampleRate, int channels)
    {
        if (sampleRate <= 0 || sampleRate > MaxSampleRate)
        {
            throw Invalid($"The audio sample rate {sampleRate} Hz is invalid; it must be from 1 to {MaxSampleRate} Hz.");
        }

        if (channels <= 0)
        {
            throw Invalid($"The audio channel count {channels} is invalid; it must be at least 1.");
        }
    }

    internal static void CheckDuration(long frames, int sampleRate, AudioMediaOptions options)
    {
        if (frames == 0)
        {
            throw Invalid("The audio has no samples.");
        }

        double seconds = (double)frames / sampleRate;
        if (seconds > options.MaxDurationSeconds || frames > Array.MaxLength)
        {
            throw new InvalidRequestException(
                $"The audio lasts {seconds:0.###} s; the limit is {options.MaxDurationSeconds:0.###} s.",
                MediaErrorCodes.AudioTooLong);
        }
    }

    internal static void CheckFinite(ReadOnlySpan<float> samples)
    {
        foreach (float sample in samples)
        {
            if (!float.IsFinite(sample))
            {
                throw Invalid("The audio contains NaN or infinite samples.");
            }
        }
    }

    internal static InvalidRequestException Invalid(string message, Exception? inner = null) =>
        new(message, MediaErrorCodes.InvalidAudio, inner);
}
