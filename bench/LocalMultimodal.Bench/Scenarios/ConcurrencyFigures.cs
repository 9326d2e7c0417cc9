using System.Text.Json.Nodes;
using LocalMultimodal.Bench.Baselines;

namespace LocalMultimodal.Bench.Scenarios;

/// <summary>What the concurrency scenarios share: running a baseline over the sets of images, and the figures of a run.</summary>
internal static class ConcurrencyFigures
{
    /// <summary>Creates a baseline on its own thread, warms it up, runs every measured set, disposes it.</summary>
    public static List<IReadOnlyList<RawRequest>> RunBaseline(byte[][][] sets, string name, Func<IBaseline> create, int? warmUpRequests = null)
    {
        using var thread = new DedicatedThread(name);
        var baseline = thread.Run(create);
        var runs = new List<IReadOnlyList<RawRequest>>();
        try
        {
            foreach (var set in sets)
            {
                var requests = runs.Count == 0 && warmUpRequests is { } w ? set[..w] : set;
                runs.Add(thread.Run(() => baseline.Run(requests, BenchPrompt.OutputTokens)));
            }
        }
        finally
        {
            thread.Run(baseline.Dispose);
        }

        runs.RemoveAt(0);
        return runs;
    }

    /// <summary>Median over runs of the tokens returned over the whole run's time.</summary>
    public static double Aggregate(List<IReadOnlyList<RawRequest>> runs) =>
        Stats.Median(runs.Select(r => r.Sum(q => q.TokenCount) / (r.Max(q => q.FinishedMs) / 1000)));

    public static JsonObject Describe(List<IReadOnlyList<EngineSample>> runs)
    {
        var all = runs.SelectMany(r => r).ToList();
        return new JsonObject
        {
            ["aggregate_tok_s"] = Stats.Round(Stats.Median(runs.Select(r => r.Sum(s => s.Tokens.Count) / (r.Max(s => s.FinishedMs) / 1000)))),
            ["ttft_p50_ms"] = Stats.Round(Stats.Percentile(all.Select(s => s.TimeToFirstTokenMs), 50)),
            ["ttft_p99_ms"] = Stats.Round(Stats.Percentile(all.Select(s => s.TimeToFirstTokenMs), 99)),
            ["tpot_p50_ms"] = Stats.Round(Stats.Percentile(all.Select(s => s.TimePerOutputTokenMs), 50), 2),
            ["wall_ms"] = Stats.Round(Stats.Median(runs.Select(r => r.Max(s => s.FinishedMs)))),
            ["encode_p50_ms"] = Stats.Round(Stats.Median(all.Select(s => s.Timings.Encode.TotalMilliseconds))),
            ["prefill_p50_ms"] = Stats.Round(Stats.Median(all.Select(s => s.Timings.Prefill.TotalMilliseconds))),
            ["queued_p50_ms"] = Stats.Round(Stats.Median(all.Select(s => s.Timings.Queued.TotalMilliseconds))),
        };
    }

    public static JsonObject DescribeBaseline(List<IReadOnlyList<RawRequest>> runs)
    {
        var all = runs.SelectMany(r => r).ToList();
        return new JsonObject
        {
            ["aggregate_tok_s"] = Stats.Round(Aggregate(runs)),
            ["ttft_p50_ms"] = Stats.Round(Stats.Percentile(all.Select(s => s.TimeToFirstTokenMs), 50)),
            ["ttft_p99_ms"] = Stats.Round(Stats.Percentile(all.Select(s => s.TimeToFirstTokenMs), 99)),
            ["wall_ms"] = Stats.Round(Stats.Median(runs.Select(r => r.Max(s => s.FinishedMs)))),
            ["tokens_per_request"] = Stats.Round(Stats.Median(all.Select(s => (double)s.TokenCount))),
        };
    }
}
