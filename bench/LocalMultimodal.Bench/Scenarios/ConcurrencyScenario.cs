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

        var raw = ConcurrencyFigures.RunBaseline(sets, "raw baseline", () => new RawBaseline(
            settings.Models.Llm, settings.Models.Projector, settings.ImageSize, BenchSettings.ContextPerSequence, n, settings.Threads));
        var llamaSharp = ConcurrencyFigures.RunBaseline(sets, "llamasharp baseline", () => new LlamaSharpBaseline(
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

                report[$"n{level}"] = ConcurrencyFigures.Describe(runs);
            }
        }

        var n8 = (JsonObject)report["n8"]!;
        double engineRate = n8["aggregate_tok_s"]!.GetValue<double>();
        n8["vs_llamasharp"] = Stats.Round(engineRate / ConcurrencyFigures.Aggregate(llamaSharp), 3);
        n8["vs_raw"] = Stats.Round(engineRate / ConcurrencyFigures.Aggregate(raw), 3);
        report["raw_n8"] = ConcurrencyFigures.DescribeBaseline(raw);
        report["llamasharp_n8"] = ConcurrencyFigures.DescribeBaseline(llamaSharp);
        return report;
    }
}
