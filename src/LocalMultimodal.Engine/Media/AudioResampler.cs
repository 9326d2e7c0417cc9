using System.Numerics;

namespace LocalMultimodal.Media;

/// <summary>
/// Band-limited resampling with a Kaiser-windowed sinc, polyphase. Output sample n sits at input
/// position n * from / to; the filter's cutoff follows the lower of the two Nyquist rates, so
/// downsampling does not alias. The cost is about 2 * ZeroCrossings / Rolloff multiply-adds per
/// input sample whatever the ratio.
/// </summary>
internal static class AudioResampler
{
    // About 90 dB of stop-band rejection (Kaiser beta 9) and a transition band in the top 6% of
    // the band: well past what speech and audio encoders resolve.
    private const int ZeroCrossings = 24;
    private const double Rolloff = 0.94;
    private const double KaiserBeta = 9.0;

    // Common rate pairs need few phases (44.1 kHz -> 16 kHz: 160); odd pairs round the position to
    // 1/1024 of an input sample, an error far below the filter's own.
    private const int MaxPhases = 1024;

    /// <summary>Resamples mono audio; returns the input itself when the rates match.</summary>
    public static float[] Resample(float[] input, int fromRate, int toRate)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fromRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(toRate);
        if (fromRate == toRate || input.Length == 0)
        {
            return input;
        }

        int divisor = GreatestCommonDivisor(fromRate, toRate);
        long up = toRate / divisor;
        long down = fromRate / divisor;
        int phases = (int)Math.Min(up, MaxPhases);
        double cutoff = Rolloff * Math.Min(1.0, (double)toRate / fromRate);
        int half = (int)Math.Ceiling(ZeroCrossings / cutoff);
        int taps = 2 * half;
        float[] table = BuildTable(phases, half, cutoff);

        long outputLength = ((input.LongLength * up) + down - 1) / down;
        var output = new float[outputLength];
        ReadOnlySpan<float> source = input;
        for (long n = 0; n < outputLength; n++)
        {
            // Position n * down / up input samples, split into a whole sample and a phase.
            long position = n * down;
            long whole = position / up;
            long phase = ((position % up * phases * 2) + up) / (2 * up);
            if (phase == phases)
            {
                whole++;
                phase = 0;
            }

            long first = whole - half + 1;
            int skip = (int)Math.Max(0, -first);
            int end = (int)Math.Min(taps, input.LongLength - first);
            if (end <= skip)
            {
                continue;
            }

            ReadOnlySpan<float> weights = table.AsSpan((int)phase * taps, taps);
            output[n] = Dot(weights[skip..end], source.Slice((int)(first + skip), end - skip));
        }

        return output;
    }

    // Row p holds the weights for an output position p / phases past a whole input sample; tap j
    // multiplies input sample whole - half + 1 + j. Each row sums to 1 so a constant stays constant.
    private static float[] BuildTable(int phases, int half, double cutoff)
    {
        int taps = 2 * half;
        var table = new float[phases * taps];
        var row = new double[taps];
        double besselBeta = BesselI0(KaiserBeta);
        for (int p = 0; p < phases; p++)
        {
            double fraction = (double)p / phases;
            double sum = 0;
            for (int j = 0; j < taps; j++)
            {
                double distance = fraction + half - 1 - j;
                double x = distance / half;
                double window = Math.Abs(x) >= 1 ? 0 : BesselI0(KaiserBeta * Math.Sqrt(1 - (x * x))) / besselBeta;
                row[j] = cutoff * Sinc(cutoff * distance) * window;
                sum += row[j];
            }

            for (int j = 0; j < taps; j++)
            {
                table[(p * taps) + j] = (float)(row[j] / sum);
            }
        }

        return table;
    }

    private static double Sinc(double x) => x == 0 ? 1 : Math.Sin(Math.PI * x) / (Math.PI * x);

    private static double BesselI0(double x)
    {
        double sum = 1;
        double term = 1;
        double quarterSquare = x * x / 4;
        for (int k = 1; term > sum * 1e-16; k++)
        {
            term *= quarterSquare / ((double)k * k);
            sum += term;
        }

        return sum;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var accumulator = Vector<float>.Zero;
        int i = 0;
        for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            accumulator += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
        }

        float sum = Vector.Sum(accumulator);
        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static int GreatestCommonDivisor(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
