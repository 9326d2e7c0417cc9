namespace LocalMultimodal.Media;

/// <summary>
/// Cuts long audio into clips a projector can take, at the quietest moment near each limit
/// (vLLM's <c>split_audio</c>). No sample is lost or repeated: the clips concatenate to the input.
/// </summary>
public static class AudioSplitter
{
    /// <summary>
    /// Splits <paramref name="samples"/> into clips of at most <paramref name="maxClipSeconds"/>. Each cut
    /// falls at the start of the window of <paramref name="windowSamples"/> samples with the lowest RMS
    /// energy inside the last <paramref name="overlapSeconds"/> before the limit (the earliest such
    /// window on a tie; the start of that span when it is shorter than one window). Audio that fits
    /// comes back as one clip.
    /// </summary>
    /// <param name="samples">Mono samples.</param>
    /// <param name="sampleRate">Samples per second; any positive rate.</param>
    /// <param name="maxClipSeconds">The longest clip, in seconds.</param>
    /// <param name="overlapSeconds">How far before each limit a cut may fall, in seconds; less than <paramref name="maxClipSeconds"/>.</param>
    /// <param name="windowSamples">The window over which energy is measured, in samples.</param>
    /// <returns>The clips, in order.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static IReadOnlyList<float[]> Split(
        ReadOnlySpan<float> samples, int sampleRate, double maxClipSeconds = 30, double overlapSeconds = 1, int windowSamples = 1600)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowSamples);
        if (!double.IsFinite(maxClipSeconds) || maxClipSeconds <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxClipSeconds), maxClipSeconds, "The clip length must be a positive number of seconds.");
        }

        if (!double.IsFinite(overlapSeconds) || overlapSeconds < 0 || overlapSeconds >= maxClipSeconds)
        {
            throw new ArgumentOutOfRangeException(nameof(overlapSeconds), overlapSeconds, "The overlap must be at least 0 and shorter than the clip length.");
        }

        // Truncated like vLLM's int(sample_rate * seconds).
        long clip = (long)(sampleRate * maxClipSeconds);
        long overlap = (long)(sampleRate * overlapSeconds);
        if (clip < 1 || clip - overlap < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxClipSeconds), maxClipSeconds, "The clip length must hold at least one sample more than the overlap.");
        }

        var clips = new List<float[]>();
        int start = 0;
        while (start < samples.Length)
        {
            if (start + clip >= samples.Length)
            {
                clips.Add(samples[start..].ToArray());
                break;
            }

            int searchStart = (int)(start + clip - overlap);
            int cut = QuietestWindowStart(samples[searchStart..(int)(start + clip)], windowSamples) + searchStart;
            clips.Add(samples[start..cut].ToArray());
            start = cut;
        }

        return clips;
    }

    // Windows step by their own length from the span's start; like vLLM, a window must end before
    // the span does. With no such window the cut falls at the span's start.
    private static int QuietestWindowStart(ReadOnlySpan<float> span, int window)
    {
        int quietest = 0;
        double lowest = double.PositiveInfinity;
        for (int i = 0; i < span.Length - window; i += window)
        {
            double sum = 0;
            foreach (float sample in span.Slice(i, window))
            {
                sum += (double)sample * sample;
            }

            // Comparing mean squares orders windows the same as their RMS.
            double energy = sum / window;
            if (energy < lowest)
            {
                lowest = energy;
                quietest = i;
            }
        }

        return quietest;
    }
}
