namespace LocalMultimodal.Models;

/// <summary>
/// A seeded source of approximately normal numbers. It sums twelve 24-bit uniforms (Irwin–Hall) in exact
/// arithmetic rather than calling Math.Log/Math.Cos, whose last bits may differ between C runtimes, so a seed
/// gives the same weights, and the same file bytes, on every machine.
/// </summary>
internal sealed class SeededGaussian(int seed)
{
    private ulong _state = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + 0x2545F4914F6CDD1DUL);

    /// <summary>A sample with mean 0 and standard deviation 1 (bounded to ±6).</summary>
    public double Next()
    {
        long sum = 0;
        for (int i = 0; i < 12; i++)
        {
            sum += (long)(NextUInt64() >> 40); // 24 bits
        }

        return (double)sum / (1 << 24) - 6.0;
    }

    public float[] Fill(long count, float std)
    {
        var values = new float[count];
        for (long i = 0; i < values.LongLength; i++)
        {
            values[i] = (float)(Next() * std);
        }

        return values;
    }

    // SplitMix64: tiny, fast and well distributed; enough for test weights.
    private ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
