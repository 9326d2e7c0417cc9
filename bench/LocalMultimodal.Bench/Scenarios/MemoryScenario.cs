using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace LocalMultimodal.Bench.Scenarios;

/// <summary>
/// Scenario 4: peak resident memory of a process that loads the engine set up for N sequences and answers
/// N image requests at once. Run in a process of its own so the peak is this scenario's alone.
/// </summary>
internal sealed class MemoryScenario : IScenario
{
    public string Name => "memory";

    public IReadOnlyList<string> Variants => ["1", BenchSettings.Sequences.ToString(CultureInfo.InvariantCulture)];

    public async Task<JsonNode> MeasureAsync(BenchSettings settings, string variant)
    {
        int sequences = int.Parse(variant, CultureInfo.InvariantCulture);
        var images = new BenchImages(settings.ImageSize);
        await using (var engine = await MultimodalEngine.LoadAsync(settings.EngineOptions(sequences)))
        {
            await EngineClient.RunAsync(engine, images.AsMedia(images.Next(sequences)));
        }

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new JsonObject { [$"n{sequences}_peak_rss_mib"] = Stats.Round(process.PeakWorkingSet64 / (1024.0 * 1024.0)) };
    }

    /// <summary>One object with the peak of every sequence count.</summary>
    public JsonNode Combine(IReadOnlyList<JsonNode> figures) =>
        new JsonObject(figures.SelectMany(f => f.AsObject()).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
}
