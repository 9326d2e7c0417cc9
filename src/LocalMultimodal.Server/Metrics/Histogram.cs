using System.Globalization;
using System.Text;

namespace LocalMultimodal.Server.Metrics;

/// <summary>A Prometheus histogram: cumulative bucket counts, sum and count, safe to observe from any thread.</summary>
internal sealed class Histogram(string name, string help, double[] bounds)
{
    private readonly long[] _counts = new long[bounds.Length + 1];
    private readonly Lock _gate = new();
    private double _sum;

    public void Observe(double value)
    {
        int bucket = Array.FindIndex(bounds, b => value <= b);
        lock (_gate)
        {
            _counts[bucket < 0 ? bounds.Length : bucket]++;
            _sum += value;
        }
    }

    public void WriteTo(StringBuilder text)
    {
        long[] snapshot;
        double total;
        lock (_gate)
        {
            snapshot = [.. _counts];
            total = _sum;
        }

        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} histogram\n");
        long cumulative = 0;
        for (int i = 0; i < snapshot.Length; i++)
        {
            cumulative += snapshot[i];
            string le = i < bounds.Length ? bounds[i].ToString(CultureInfo.InvariantCulture) : "+Inf";
            text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{le=\"{le}\"}} {cumulative}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"{name}_sum {total}\n{name}_count {cumulative}\n");
    }
}
