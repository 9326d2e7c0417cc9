using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LocalMultimodal.Bench;
using LocalMultimodal.Models;
using LocalMultimodal.Bench.Scenarios;
using LocalMultimodal.Bench.Server;

// Usage: dotnet run -c Release --project bench/LocalMultimodal.Bench [-- --runs N] [-- --only overhead,concurrency,concurrency_mrope,cache,memory,prompt-cost,server,grammar,agent,template | download]
// Each variant of each scenario runs in a child process of this program, so each peak memory figure is its own.
const int defaultRuns = 3;
IScenario[] scenarios = [new OverheadScenario(), new ConcurrencyScenario(), new ConcurrencyMRopeScenario(), new CacheScenario(), new MemoryScenario(), new PromptCostScenario(), new ServerScenario(), new GrammarScenario(), new AgentScenario()];

if (args is ["child", var name, var folder, var runsArgument, var threadsArgument, var variant])
{
    QuietNativeLog.Apply(); // before any native call: llama.cpp's and libmtmd's logs go nowhere instead of stderr
    var settings = new BenchSettings(BenchModels.Describe(folder), Int(runsArgument), Int(threadsArgument));
    IScenario scenario = scenarios.SingleOrDefault(s => s.Name == name) ?? throw new ArgumentException($"Unknown scenario '{name}'.");
    Console.WriteLine((await scenario.MeasureAsync(settings, variant)).ToJsonString());
    return 0;
}

int runs = Option("--runs") is { } r ? Int(r) : defaultRuns;
if (Option("--only") == "download")
{
    return await LocalMultimodal.Bench.Download.DownloadScenario.RunAsync(runs); // needs no models: runs on its own
}

var only = Option("--only")?.Split(',').ToHashSet() ?? [.. scenarios.Select(s => s.Name)];
if (only.Remove("template"))
{
    LocalMultimodal.Bench.Template.TemplateBench.Report(runs); // managed only: no models needed
    if (only.Count == 0)
    {
        return 0;
    }
}

int threads = Environment.ProcessorCount;
string modelFolder = Path.Combine(Path.GetTempPath(), $"localmm-bench-{Environment.ProcessId}");
try
{
    Console.WriteLine($"Generating the bench-size models in {modelFolder} ...");
    var models = BenchModels.Write(modelFolder);
    foreach (IScenario scenario in scenarios.Where(s => only.Contains(s.Name)))
    {
        scenario.WriteModels(modelFolder);
    }

    // A partial run (--only) updates its scenarios' sections and keeps the others of the last full run.
    string output = Path.Combine(Repository.Root(), "bench", "results", "latest.json");
    JsonObject report = File.Exists(output) ? JsonNode.Parse(File.ReadAllText(output))!.AsObject() : [];
    foreach (var (key, value) in new JsonObject
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
    })
    {
        report[key] = value?.DeepClone();
    }

    foreach (IScenario scenario in scenarios.Where(s => only.Contains(s.Name)))
    {
        Console.WriteLine($"Measuring {scenario.Name} ...");
        JsonNode[] figures = [.. scenario.Variants.Select(variant =>
            JsonNode.Parse(ChildProcess.Run(scenario.Name, modelFolder, Text(runs), Text(threads), variant))!)];
        report[scenario.ReportKey] = scenario.Combine(figures);
    }

    ReportTable.Print(report, Console.Out);
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
