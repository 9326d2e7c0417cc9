using System.Text.Json.Nodes;
using LocalMultimodal.Bench.Baselines;

namespace LocalMultimodal.Bench.Scenarios;

/// <summary>
/// Scenario 1: one image request of 128 tokens at a time. The raw loop decodes the same prompts first, on
/// its own thread; the figure is the engine's single-stream decode speed over the raw loop's.
/// </summary>
internal sealed class OverheadScenario : IScenario
{
    public string Name => "overhead";

    public async Task<JsonNode> MeasureAsync(BenchSettings settings, string variant)
    {
        var images = new BenchImages(settings.ImageSize);
        var sets = Enumerable.Range(0, settings.Runs + 1).Select(_ => images.Next(1)).ToArray(); // [0] is the warm-up

        var raw = new List<RawRequest>();
        using (var thread = new DedicatedThread("raw baseline"))
        {
            var baseline = thread.Run(() => new RawBaseline(settings.Models.Llm, settings.Models.Projector, settings.ImageSize, BenchSettings.ContextPerSequence, BenchSettings.Sequences, settings.Threads));
            foreach (var set in sets)
            {
                raw.Add(thread.Run(() => baseline.Run(set, BenchPrompt.OutputTokens))[0]);
            }

            thread.Run(baseline.Dispose);
        }

        var engineSamples = new List<EngineSample>();
        await using (var engine = await MultimodalEngine.LoadAsync(settings.EngineOptions()))
        {
            foreach (var set in sets)
            {
                engineSamples.Add((await EngineClient.RunAsync(engine, images.AsMedia(set)))[0]);
            }
        }

        raw.RemoveAt(0);
        engineSamples.RemoveAt(0);
        double rawSpeed = Stats.Median(raw.Select(r => r.DecodeTokensPerSecond));
        double engineSpeed = Stats.Median(engineSamples.Select(s => s.DecodeTokensPerSecond));
        return new JsonObject
        {
            ["ratio"] = Stats.Round(engineSpeed / rawSpeed, 3),
            ["engine_decode_tok_s"] = Stats.Round(engineSpeed),
            ["raw_decode_tok_s"] = Stats.Round(rawSpeed),
            ["engine_ttft_ms"] = Stats.Round(Stats.Median(engineSamples.Select(s => s.TimeToFirstTokenMs))),
            ["raw_ttft_ms"] = Stats.Round(Stats.Median(raw.Select(r => r.TimeToFirstTokenMs))),
            ["engine_encode_ms"] = Stats.Round(Stats.Median(engineSamples.Select(s => s.Timings.Encode.TotalMilliseconds))),
            ["engine_prefill_ms"] = Stats.Round(Stats.Median(engineSamples.Select(s => s.Timings.Prefill.TotalMilliseconds))),
            ["same_tokens"] = raw.Zip(engineSamples).All(p => p.First.Tokens.SequenceEqual(p.Second.Tokens)),
            ["distinct_tokens"] = engineSamples[0].Tokens.Distinct().Count(),
        };
    }
}
