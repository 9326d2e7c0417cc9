namespace LocalMultimodal.Media;

/// <summary>Which frames of a video are kept: vLLM's uniform sampling.</summary>
internal static class FrameSampler
{
    /// <summary>
    /// How many frames to sample, as vLLM's OpenCV loader counts them: <paramref name="numFrames"/>, lowered to
    /// <c>floor(duration × fps)</c> when a rate is given, and never below one.
    /// </summary>
    public static int Count(int numFrames, double durationSeconds, double? fps)
    {
        if (fps is not { } rate)
        {
            return numFrames;
        }

        double byRate = Math.Floor(durationSeconds * rate);
        return byRate < numFrames ? Math.Max(1, (int)byRate) : numFrames;
    }

    /// <summary>
    /// <c>np.linspace(0, total - 1, count, dtype=int)</c> as vLLM's video loader computes it: evenly
    /// spaced positions truncated towards zero, the last one exactly <c>total - 1</c>; every frame when
    /// <paramref name="count"/> reaches <paramref name="total"/>.
    /// </summary>
    public static int[] Uniform(int total, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(total);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (count >= total)
        {
            return Enumerable.Range(0, total).ToArray();
        }

        var indices = new int[count];
        if (count == 1)
        {
            return indices;
        }

        double step = (double)(total - 1) / (count - 1);
        for (int i = 0; i < count - 1; i++)
        {
            indices[i] = (int)(i * step);
        }

        indices[^1] = total - 1;
        return indices;
    }
}
