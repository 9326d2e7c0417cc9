using System.Diagnostics;
using LocalMultimodal.Media;
using LocalMultimodal.Prompts;
using LocalMultimodal.Sampling;

namespace LocalMultimodal.Bench.Scenarios;

/// <summary>Sends image requests to an engine all at once and records what each caller saw.</summary>
internal static class EngineClient
{
    public static readonly SamplingOptions Greedy = new() { Temperature = 0, MaxTokens = BenchPrompt.OutputTokens, IgnoreEndOfSequence = true };

    public static async Task<IReadOnlyList<EngineSample>> RunAsync(MultimodalEngine engine, IReadOnlyList<MediaInput> media)
    {
        long start = Stopwatch.GetTimestamp();
        var requests = media.Select(m => Task.Run(() => OneAsync(engine, m, start)));
        return await Task.WhenAll(requests);
    }

    private static async Task<EngineSample> OneAsync(MultimodalEngine engine, MediaInput media, long start)
    {
        var prompt = new MultimodalPrompt(BenchPrompt.EngineText, media);
        double first = double.NaN;
        var tokens = new List<int>();
        await foreach (var update in engine.GenerateAsync(prompt, Greedy))
        {
            if (update.TokenIds.Count > 0 && tokens.Count == 0)
            {
                first = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }

            tokens.AddRange(update.TokenIds);
            if (update.Usage is { } usage && update.Timings is { } timings)
            {
                return new EngineSample(first, Stopwatch.GetElapsedTime(start).TotalMilliseconds, tokens, timings, usage);
            }
        }

        throw new InvalidOperationException("The engine's stream ended without usage.");
    }
}
