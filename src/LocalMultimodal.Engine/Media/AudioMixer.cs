namespace LocalMultimodal.Media;

/// <summary>Averages the channels of a clip to mono.</summary>
internal static class AudioMixer
{
    /// <summary>
    /// Writes the mean of the channels of each frame to <paramref name="mono"/>. Both layouts sum
    /// channel 0, 1, 2, ... in that order, and in double, so (channels, time) and (time, channels)
    /// give the same floats, and N identical channels give exactly that channel.
    /// </summary>
    public static void ToMono(ReadOnlySpan<float> samples, int channels, AudioLayout layout, Span<float> mono)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        int frames = samples.Length / channels;
        if (frames * channels != samples.Length || mono.Length != frames)
        {
            throw new ArgumentException("The sample count must be the frame count times the channel count.", nameof(samples));
        }

        if (channels == 1)
        {
            samples.CopyTo(mono);
            return;
        }

        // Index of sample (frame, channel) is frame * frameStride + channel * channelStride.
        (int frameStride, int channelStride) = layout == AudioLayout.TimeMajor ? (channels, 1) : (1, frames);
        for (int frame = 0; frame < frames; frame++)
        {
            double sum = 0;
            int index = frame * frameStride;
            for (int channel = 0; channel < channels; channel++, index += channelStride)
            {
                sum += samples[index];
            }

            mono[frame] = (float)(sum / channels);
        }
    }
}
