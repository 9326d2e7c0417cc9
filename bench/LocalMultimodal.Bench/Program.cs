using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LocalMultimodal.Bench;

// Usage: dotnet run -c Release --project bench/LocalMultimodal.Bench [-- --runs N]
// Each measurement runs in a child process of this program, so each peak memory figure is its own.
const int DefaultRuns = 7;
string modelFolder = Path.Combine(Path.GetTempPath(), "localmm-bench-models");

if (args is ["child", "prompt-cost", var modality, var runsText])
{
    var result = await PromptCost.MeasureAsync(modality, modelFolder, int.Parse(runsText, CultureInfo.InvariantCulture));
    Console.WriteLine(JsonSerializer.Serialize(result));
    return 0;
}

int runs = args.Length >= 2 && args[0] == "--runs" ? int.Parse(args[1], CultureInfo.InvariantCulture) : DefaultRuns;
var costs = new List<PromptCostResult>();
foreach (string kind in new[] { "image", "audio" })
{
    costs.Add(JsonSerializer.Deserialize<PromptCostResult>(RunChild("prompt-cost", kind, runs.ToString(CultureInfo.InvariantCulture)))!);
}

Console.WriteLine($"Prompt cost on the generated fixtures ({Environment.ProcessorCount} threads, median of {runs} runs after a warm-up, {PromptCost.OutputTokens} output tokens):");
Console.WriteLine($"{"modality",-8} {"load ms",9} {"encode ms",10} {"prefill ms",11} {"20 tok ms",10} {"request ms",11} {"peak RSS MiB",13}");
foreach (var c in costs)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{c.Modality,-8} {c.LoadMs,9:F1} {c.EncodeMs,10:F1} {c.PrefillMs,11:F1} {c.Decode20Ms,10:F1} {c.RequestMs,11:F1} {c.PeakRssMiB,13:F1}"));
}

var report = new JsonObject
{
    ["machine"] = new JsonObject
    {
        ["cores"] = Environment.ProcessorCount,
        ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        ["runtime"] = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
    },
    ["commit"] = Git("rev-parse", "--short", "HEAD"),
    ["runs"] = runs,
    ["prompt_cost"] = JsonSerializer.SerializeToNode(costs),
};
string output = Path.Combine(FindRepositoryRoot(), "bench", "results", "latest.json");
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
File.WriteAllText(output, report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
Console.WriteLine($"wrote {output}");
return 0;

static string RunChild(params string[] arguments)
{
    var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
    if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
    {
        start.ArgumentList.Add(typeof(PromptCost).Assembly.Location);
    }

    start.ArgumentList.Add("child");
    foreach (string argument in arguments)
    {
        start.ArgumentList.Add(argument);
    }

    using var child = Process.Start(start)!;
    string output = child.StandardOutput.ReadToEnd();
    child.WaitForExit();
    if (child.ExitCode != 0)
    {
        throw new InvalidOperationException($"The benchmark child '{string.Join(' ', arguments)}' failed with exit code {child.ExitCode}.");
    }

    return output.Trim().Split('\n')[^1];
}

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "LocalMultimodal.sln")))
        {
            return dir.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}

static string Git(params string[] arguments)
{
    try
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var git = Process.Start(start)!;
        string text = git.StandardOutput.ReadToEnd().Trim();
        git.WaitForExit();
        return git.ExitCode == 0 ? text : "unknown";
    }
    catch (System.ComponentModel.Win32Exception)
    {
        return "unknown";
    }
}
