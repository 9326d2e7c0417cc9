using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using LocalMultimodal.Generation;
using LocalMultimodal.Media;
using LocalMultimodal.Models;
using LocalMultimodal.Prompts;
using LocalMultimodal.Sampling;

namespace LocalMultimodal.Bench.Scenarios;

/// <summary>
/// The cost of one media prompt (an image, then an audio clip) on the tiny generated fixtures, each in a process
/// of its own so that its peak memory is its own: load, then several runs of encode, prefill and 20 greedy tokens.
/// </summary>
internal sealed class PromptCostScenario : IScenario
{
    public const int OutputTokens = 20;

    public string Name => "prompt-cost";

    public string ReportKey => "prompt_cost";

    public IReadOnlyList<string> Variants => ["image", "audio"];

    public async Task<JsonNode> MeasureAsync(BenchSettings settings, string variant) =>
        JsonSerializer.SerializeToNode(await MeasureAsync(variant, Path.Combine(Path.GetTempPath(), "localmm-bench-models"), settings.Runs))!;

    /// <summary>A list of the modalities' costs.</summary>
    public JsonNode Combine(IReadOnlyList<JsonNode> figures) => new JsonArray([.. figures.Select(f => f.DeepClone())]);

    private static async Task<PromptCostResult> MeasureAsync(string modality, string modelFolder, int runs)
    {
        var models = GeneratedModels.EnsureWritten(modelFolder);
        bool image = modality == "image";
        var projector = models.Projector(image ? ProjectorKind.Gemma3 : ProjectorKind.Qwen2Audio);
        // Caches off: every run pays the full encode and prefill, which is the cost this measures.
        var options = new EngineOptions { ModelPath = models.Llm, ProjectorPath = projector, Threads = Environment.ProcessorCount, MaxConcurrentSequences = 1, MediaCacheBytes = 0, EnablePrefixCaching = false };

        long loadStart = Stopwatch.GetTimestamp();
        await using var engine = await MultimodalEngine.LoadAsync(options);
        var load = Stopwatch.GetElapsedTime(loadStart);

        MediaInput media = image
            ? ImageInput.FromPixels(64, 64, PixelFormat.Rgb24, Gradient(64, 64))
            : AudioInput.FromSamples(Sine(seconds: 5, frequency: 440, rate: 16000), 16000);
        var prompt = new MultimodalPrompt($"<|im_start|>user\n{MultimodalPrompt.MediaMarker}Describe this.<|im_end|>\n<|im_start|>assistant\n", media);
        var sampling = new SamplingOptions { Temperature = 0, MaxTokens = OutputTokens, IgnoreEndOfSequence = true };

        await engine.GenerateAsync(prompt, sampling).CollectAsync(); // warm-up
        var samples = new List<(GenerationTimings Timings, TimeSpan Wall)>();
        for (int i = 0; i < runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            var result = await engine.GenerateAsync(prompt, sampling).CollectAsync();
            samples.Add((result.Timings, Stopwatch.GetElapsedTime(start)));
        }

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new PromptCostResult(
            modality,
            load.TotalMilliseconds,
            Median(samples.Select(s => s.Timings.Encode.TotalMilliseconds)),
            Median(samples.Select(s => s.Timings.Prefill.TotalMilliseconds)),
            Median(samples.Select(s => s.Timings.Decode.TotalMilliseconds)),
            Median(samples.Select(s => s.Wall.TotalMilliseconds)),
            Median(samples.Select(s => s.Timings.Queued.TotalMilliseconds)),
            process.PeakWorkingSet64 / (1024.0 * 1024.0));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static byte[] Gradient(int width, int height)
    {
        var rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int i = (y * width + x) * 3;
                rgb[i] = (byte)(255 * x / (width - 1));
                rgb[i + 1] = (byte)(255 * y / (height - 1));
                rgb[i + 2] = 128;
            }
        }

        return rgb;
    }

    private static float[] Sine(double seconds, double frequency, int rate)
    {
        var samples = new float[(int)(seconds * rate)];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = (float)(0.5 * Math.Sin(2 * Math.PI * frequency * i / rate));
        }

        return samples;
    }
}
