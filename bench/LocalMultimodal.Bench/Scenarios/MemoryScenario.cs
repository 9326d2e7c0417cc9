using System.Diagnostics;
using System.Text.Json.Nodes;

namespace LocalMultimodal.Bench.Scenarios;

/// <summary>
/// Scenario 4: peak resident memory of a process that loads the engine set up for N sequences and answers
/// N image requests at once. Run in a process of its own so the peak is this scenario's alone.
/// </summary>
internal static class MemoryScenario
{
    public static async Task<JsonObject> MeasureAsync(BenchSettings settings, int sequences)
    {
        var images = new BenchImages(settings.ImageSize);
        await using (var engine = await MultimodalEngine.LoadAsync(settings.EngineOptions(sequences)))
        {
            await EngineClient.RunAsync(engine, images.AsMedia(images.Next(sequences)));
        }

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new JsonObject { [$"n{sequences}_peak_rss_mib"] = Stats.Round(process.PeakWorkingSet64 / (1024.0 * 1024.0)) };
    }
}
