using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using LocalMultimodal.Jinja;

namespace LocalMultimodal.Bench.Template;

/// <summary>
/// Chat-template rendering: our Jinja engine against Python's Jinja2 on a Qwen2.5 template, a 20-turn conversation
/// and 4 tools. Both compile once; the figure is the median of single renders. <c>render_vs_jinja2</c> is our
/// median over Jinja2's (target: at most 1.0).
/// </summary>
internal static class TemplateBench
{
    private const int RendersPerRun = 1000;

    public static JsonObject Measure(int runs)
    {
        int renders = RendersPerRun * Math.Max(1, runs);
        JsonObject context = BenchConversation.Build();
        var template = JinjaTemplate.Parse(QwenTemplate.Text);
        string ours = template.Render(context);
        for (int i = 0; i < renders / 10; i++)
        {
            template.Render(context);
        }

        var samples = new double[renders];
        for (int i = 0; i < renders; i++)
        {
            long start = Stopwatch.GetTimestamp();
            template.Render(context);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        var (jinja2, theirs) = Jinja2Baseline.Measure(QwenTemplate.Text, context, renders);
        if (ours != theirs)
        {
            throw new InvalidOperationException("Our render of the benchmark template differs from Jinja2's; the timing would compare different work.");
        }

        double median = Stats.Median(samples);
        return new JsonObject
        {
            ["render_vs_jinja2"] = Stats.Round(median / jinja2, 3),
            ["render_us"] = Stats.Round(median),
            ["jinja2_render_us"] = Stats.Round(jinja2),
            ["render_p90_us"] = Stats.Round(Stats.Percentile(samples, 90)),
            ["renders"] = renders,
            ["output_chars"] = ours.Length,
            ["messages"] = BenchConversation.Turns + 1,
            ["tools"] = 4,
        };
    }

    /// <summary>Measures, prints the figures, and stores them as the <c>template</c> section of bench/results/latest.json.</summary>
    public static void Report(int runs)
    {
        Console.WriteLine("Measuring template rendering against Jinja2 ...");
        JsonObject figures = Measure(runs);
        Console.WriteLine($"template.render_vs_jinja2 = {figures["render_vs_jinja2"]} (ours {figures["render_us"]} µs, Jinja2 {figures["jinja2_render_us"]} µs per render)");
        string output = Path.Combine(Repository.Root(), "bench", "results", "latest.json");
        JsonObject report = File.Exists(output) ? JsonNode.Parse(File.ReadAllText(output))!.AsObject() : [];
        report["template"] = figures;
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        File.WriteAllText(output, report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        Console.WriteLine($"wrote {output}");
    }
}
