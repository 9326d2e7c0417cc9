using System.Globalization;
using System.Text.Json.Nodes;
using LocalMultimodal.Media;

namespace LocalMultimodal.Bench.Scenarios;

/// <summary>
/// Scenario 3: an image request with a uuid, then the same request naming the uuid only. The figure is the
/// repeat's time to first token over the first's; the repeat must give the same tokens.
/// </summary>
internal sealed class CacheScenario : IScenario
{
    public string Name => "cache";

    public async Task<JsonNode> MeasureAsync(BenchSettings settings, string variant)
    {
        var images = new BenchImages(settings.ImageSize);
        var pairs = new List<(EngineSample First, EngineSample Repeat)>();
        await using (var engine = await MultimodalEngine.LoadAsync(settings.EngineOptions()))
        {
            for (int run = 0; run <= settings.Runs; run++) // run 0 is the warm-up
            {
                string uuid = string.Create(CultureInfo.InvariantCulture, $"bench-image-{run}");
                var first = ImageInput.FromPixels(settings.ImageSize, settings.ImageSize, PixelFormat.Rgb24, images.Next(1)[0], uuid);
                var a = (await EngineClient.RunAsync(engine, [first]))[0];
                var b = (await EngineClient.RunAsync(engine, [ImageInput.Reference(uuid)]))[0];
                pairs.Add((a, b));
            }
        }

        pairs.RemoveAt(0);
        return new JsonObject
        {
            ["repeat_ttft_ratio"] = Stats.Round(Stats.Median(pairs.Select(p => p.Repeat.TimeToFirstTokenMs / p.First.TimeToFirstTokenMs)), 3),
            ["same_output"] = pairs.All(p => p.First.Tokens.SequenceEqual(p.Repeat.Tokens)),
            ["first_ttft_ms"] = Stats.Round(Stats.Median(pairs.Select(p => p.First.TimeToFirstTokenMs))),
            ["repeat_ttft_ms"] = Stats.Round(Stats.Median(pairs.Select(p => p.Repeat.TimeToFirstTokenMs)), 2),
            ["repeat_cached_prompt_tokens"] = (int)Stats.Median(pairs.Select(p => (double)p.Repeat.Usage.CachedPromptTokens)),
            ["prompt_tokens"] = pairs[0].First.Usage.PromptTokens,
        };
    }
}
