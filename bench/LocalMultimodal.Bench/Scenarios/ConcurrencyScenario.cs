using System.Text.Json.Nodes;
using LocalMultimodal.Bench.Baselines;

namespace LocalMultimodal.Bench.Scenarios;

/// <summary>
/// Scenario 2: N = 1, 2, 4, 8 image requests of 128 tokens submitted at once. At N = 8 the raw batched loop
/// and LLamaSharp's InteractiveExecutor answer the same requests first, each on its own thread.
/// </summary>
internal sealed class ConcurrencyScenario : IScenario
{
    public string Name => "concurrency";

    private static readonly int[] Levels = [1, 2, 4, 8];

    public async Task<JsonNode> MeasureAsync(BenchSettings settings, string variant)
    {
        var images = new BenchImages(settings.ImageSize);
        const int n = BenchSettings.Sequences;
        var sets = Enumerable.Range(0, settings.Runs + 1).Select(_ => images.Next(n)).ToArray(); // [0] is the warm-up

        var raw = RunBaseline(sets, "raw baseline", () => new RawBaseline(
            settings.Models.Llm, settings.Models.Projector, settings.ImageSize, BenchSettings.ContextPerSequence, n, settings.Threads));
        var llamaSharp = RunBaseline(sets, "llamasharp baseline", () => new LlamaSharpBaseline(
            settings.Models.Llm, settings.Models.Projector, settings.ImageSize, BenchSettings.ContextPerSequence, settings.Threads), warmUpRequests: 1);

        var report = new JsonObject();
        await using (var engine = await MultimodalEngine.LoadAsync(settings.EngineOptions()))
        {
            await EngineClient.RunAsync(engine, images.AsMedia(sets[0]));
            foreach (int level in Levels)
            {
                var runs = new List<IReadOnlyList<EngineSample>>();
                for (int run = 1; run <= settings.Runs; run++)
                {
                    var set = level == n ? sets[run] : images.Next(level);
                    runs.Add(await EngineClient.RunAsync(engine, images.AsMedia(set)));
                }

                report[$"n{level}"] = Describe(runs);
            }
        }

        var n8 = (JsonObject)report["n8"]!;
        double engineRate = n8["aggregate_tok_s"]!.GetValue<double>();
        n8["vs_llamasharp"] = Stats.Round(engineRate / Aggregate(llamaSharp), 3);
        n8["vs_raw"] = Stats.Round(engineRate / Aggregate(raw), 3);
        report["raw_n8"] = DescribeBaseline(raw);
        report["llamasharp_n8"] = DescribeBaseline(llamaSharp);
        return report;
    }

    /// <summary>Creates a baseline on its own thread, warms it up, runs every measured set, disposes it.</summary>
    private static List<IReadOnlyList<RawRequest>> RunBaseline(byte[][][] sets, string name, Func<IBaseline> create, int? warmUpRequests = null)
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
    private static double Aggregate(List<IReadOnlyList<RawRequest>> runs) =>
        Stats.Median(runs.Select(r => r.Sum(q => q.TokenCount) / (r.Max(q => q.FinishedMs) / 1000)));

    private static JsonObject Describe(List<IReadOnlyList<EngineSample>> runs)
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

    private static JsonObject DescribeBaseline(List<IReadOnlyList<RawRequest>> runs)
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
