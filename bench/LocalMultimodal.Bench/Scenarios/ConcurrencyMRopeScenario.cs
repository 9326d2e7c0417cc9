using System.Text.Json;
using System.Text.Json.Nodes;
using LocalMultimodal.Bench.Baselines;
using LocalMultimodal.Models;

namespace LocalMultimodal.Bench.Scenarios;

/// <summary>
/// Scenario 2 on a Qwen2-VL-shaped pair (<see cref="BenchModels.WriteMRope"/>): 8 image requests of 128 tokens
/// submitted at once, whose image rows the engine positions on their M-RoPE grid. The raw loop (libmtmd's helper
/// prefills each prompt in turn, then all 8 sequences decode in one batch per step) answers the same 8 images;
/// raw and engine runs alternate so a change of load on the machine falls on both.
/// </summary>
internal sealed class ConcurrencyMRopeScenario : IScenario
{
    public string Name => "concurrency_mrope";

    public void WriteModels(string folder) => BenchModels.WriteMRope(folder);

    public async Task<JsonNode> MeasureAsync(BenchSettings settings, string variant)
    {
        settings = settings with { Models = BenchModels.DescribeMRope(Path.GetDirectoryName(settings.Models.Llm)!) };
        var images = new BenchImages(settings.ImageSize);
        const int n = BenchSettings.Sequences;
        var sets = Enumerable.Range(0, settings.Runs + 1).Select(_ => images.Next(n)).ToArray(); // [0] is the warm-up

        var rawRuns = new List<IReadOnlyList<RawRequest>>();
        var engineRuns = new List<IReadOnlyList<EngineSample>>();
        using (var thread = new DedicatedThread("raw baseline"))
        {
            var raw = thread.Run(() => new RawBaseline(
                settings.Models.Llm, settings.Models.Projector, settings.ImageSize, BenchSettings.ContextPerSequence, n, settings.Threads));
            try
            {
                await using var engine = await MultimodalEngine.LoadAsync(settings.EngineOptions());
                foreach (var (set, run) in sets.Select((s, i) => (s, i)))
                {
                    // Odd runs start with the engine, even ones with raw.
                    if (run % 2 == 1)
                    {
                        engineRuns.Add(await EngineClient.RunAsync(engine, images.AsMedia(set)));
                    }

                    rawRuns.Add(thread.Run(() => raw.Run(set, BenchPrompt.OutputTokens)));
                    if (run % 2 == 0)
                    {
                        engineRuns.Add(await EngineClient.RunAsync(engine, images.AsMedia(set)));
                    }
                }
            }
            finally
            {
                thread.Run(raw.Dispose);
            }
        }

        rawRuns.RemoveAt(0);
        engineRuns.RemoveAt(0);
        var n8 = ConcurrencyFigures.Describe(engineRuns);
        double engineRate = n8["aggregate_tok_s"]!.GetValue<double>();
        n8["vs_raw"] = Stats.Round(engineRate / ConcurrencyFigures.Aggregate(rawRuns), 3);
        // Each run's own ratio: raw and engine ran back to back, so a change of load between runs cancels out.
        double[] runRatios = [.. engineRuns.Zip(rawRuns).Select(p => Rate(p.First) / Rate(p.Second))];
        n8["vs_raw_paired"] = Stats.Round(Stats.Median(runRatios), 3);
        n8["run_ratios"] = new JsonArray([.. runRatios.Select(r => (JsonNode)Stats.Round(r, 3))]);

        // Greedy tokens equal request by request show both sides did the same work on the same positions.
        var pairs = engineRuns.Zip(rawRuns).SelectMany(p => p.First.Zip(p.Second)).ToList();
        var usage = engineRuns[0][0].Usage;
        return new JsonObject
        {
            ["n8"] = n8,
            ["raw_n8"] = ConcurrencyFigures.DescribeBaseline(rawRuns),
            ["same_tokens_requests"] = pairs.Count(p => p.First.Tokens.SequenceEqual(p.Second.Tokens)),
            ["requests_compared"] = pairs.Count,
            ["engine_tokens_per_request"] = Stats.Round(Stats.Median(engineRuns.SelectMany(r => r).Select(s => (double)s.Tokens.Count))),
            ["prompt_tokens"] = usage.PromptTokens,
            ["image_tokens"] = usage.ImageTokens,
            ["models"] = new JsonObject
            {
                ["llm"] = JsonSerializer.SerializeToNode(settings.Models.LlmShape),
                ["llm_architecture"] = "qwen2vl",
                ["rope_sections"] = new JsonArray([.. BenchModels.MRopeSections.Select(s => (JsonNode)s)]),
                ["llm_parameters"] = settings.Models.LlmParameters,
                ["projector"] = JsonSerializer.SerializeToNode(settings.Models.ProjectorShape),
                ["projector_type"] = "qwen2vl_merger",
            },
        };
    }

    private static double Rate(IReadOnlyList<EngineSample> run) => run.Sum(s => s.Tokens.Count) / (run.Max(s => s.FinishedMs) / 1000);

    private static double Rate(IReadOnlyList<RawRequest> run) => run.Sum(q => q.TokenCount) / (run.Max(q => q.FinishedMs) / 1000);
}
