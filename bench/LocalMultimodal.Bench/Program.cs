using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LocalMultimodal.Bench;
using LocalMultimodal.Bench.Models;
using LocalMultimodal.Bench.Scenarios;
using LocalMultimodal.Native;

// Usage: dotnet run -c Release --project bench/LocalMultimodal.Bench [-- --runs N] [-- --only overhead,concurrency,cache,memory,prompt-cost | download]
// Each scenario runs in a child process of this program, so each peak memory figure is its own.
const int DefaultRuns = 3;

if (args is ["child", "prompt-cost", var modality, var runsText])
{
    string fixtures = Path.Combine(Path.GetTempPath(), "localmm-bench-models");
    var result = await PromptCost.MeasureAsync(modality, fixtures, int.Parse(runsText, CultureInfo.InvariantCulture));
    Console.WriteLine(JsonSerializer.Serialize(result));
    return 0;
}

if (args is ["child", var scenario, var folder, var runsArgument, var threadsArgument, ..])
{
    NativeLog.Initialize(null); // before any native call: llama.cpp's log goes nowhere instead of stderr
    var settings = new BenchSettings(BenchModels.Describe(folder), Int(runsArgument), Int(threadsArgument));
    JsonObject figures = scenario switch
    {
        "overhead" => await OverheadScenario.MeasureAsync(settings),
        "concurrency" => await ConcurrencyScenario.MeasureAsync(settings),
        "cache" => await CacheScenario.MeasureAsync(settings),
        "memory" => await MemoryScenario.MeasureAsync(settings, Int(args[5])),
        _ => throw new ArgumentException($"Unknown scenario '{scenario}'."),
    };
    Console.WriteLine(figures.ToJsonString());
    return 0;
}

int runs = Option("--runs") is { } r ? Int(r) : DefaultRuns;
if (Option("--only") == "download")
{
    return await LocalMultimodal.Bench.Download.DownloadScenario.RunAsync(runs); // needs no models: runs on its own
}

var only = Option("--only")?.Split(',').ToHashSet() ?? ["overhead", "concurrency", "cache", "memory", "prompt-cost"];
int threads = Environment.ProcessorCount;
string modelFolder = Path.Combine(Path.GetTempPath(), $"localmm-bench-{Environment.ProcessId}");
try
{
    Console.WriteLine($"Generating the bench-size models in {modelFolder} ...");
    var models = BenchModels.Write(modelFolder);
    var report = new JsonObject
    {
        ["machine"] = Machine.Describe(),
        ["threads"] = threads,
        ["commit"] = Repository.Commit(),
        ["runs"] = runs,
        ["models"] = new JsonObject
        {
            ["llm"] = JsonSerializer.SerializeToNode(models.LlmShape),
            ["llm_parameters"] = models.LlmParameters,
            ["projector"] = JsonSerializer.SerializeToNode(models.ProjectorShape),
            ["image_tokens"] = models.ProjectorShape.ImageTokens,
            ["output_tokens"] = BenchPrompt.OutputTokens,
            ["context_per_sequence"] = BenchSettings.ContextPerSequence,
        },
    };

    string[] common = [modelFolder, Text(runs), Text(threads)];
    foreach (string name in new[] { "overhead", "concurrency", "cache" }.Where(only.Contains))
    {
        Console.WriteLine($"Measuring {name} ...");
        report[name] = Child(name, common);
    }

    if (only.Contains("memory"))
    {
        Console.WriteLine("Measuring memory ...");
        var memory = new JsonObject();
        foreach (int n in new[] { 1, BenchSettings.Sequences })
        {
            foreach (var (key, value) in Child("memory", [.. common, Text(n)]))
            {
                memory[key] = value?.DeepClone();
            }
        }

        report["memory"] = memory;
    }

    if (only.Contains("prompt-cost"))
    {
        Console.WriteLine("Measuring prompt cost on the tiny fixtures ...");
        var costs = new[] { "image", "audio" }.Select(kind => JsonSerializer.Deserialize<PromptCostResult>(ChildProcess.Run("prompt-cost", kind, Text(runs)))!).ToList();
        report["prompt_cost"] = JsonSerializer.SerializeToNode(costs);
    }

    ReportTable.Print(report, Console.Out);
    string output = Path.Combine(Repository.Root(), "bench", "results", "latest.json");
    Directory.CreateDirectory(Path.GetDirectoryName(output)!);
    File.WriteAllText(output, report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    Console.WriteLine($"wrote {output}");
    return 0;
}
finally
{
    Directory.Delete(modelFolder, recursive: true);
}

string? Option(string name)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

static JsonObject Child(string scenario, string[] arguments) =>
    JsonNode.Parse(ChildProcess.Run([scenario, .. arguments]))!.AsObject();
