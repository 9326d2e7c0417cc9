using System.Diagnostics;
using System.Text.Json.Nodes;

namespace LocalMultimodal.Server.Tests.Infrastructure;

/// <summary>
/// Runs a script of the <c>node</c> folder (the official <c>openai</c> npm package against a server) and checks that every
/// scenario it reports passed. Its dependencies come from <c>npm ci</c> in that folder (CI runs it); without them the
/// test fails and says so.
/// </summary>
internal static class NodeScript
{
    public static async Task AssertScenariosPassAsync(string script, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> scenarios)
    {
        string folder = Folder();
        Assert.True(
            File.Exists(Path.Combine(folder, "node_modules", "openai", "package.json")),
            $"The openai npm package is not installed: run 'npm ci' in {folder} (.ci/run does).");

        var start = new ProcessStartInfo("node", script) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        string output = await stdout;

        Assert.True(node.ExitCode == 0, $"node exited with {node.ExitCode}:\n{output}\n{await stderr}");
        var results = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(scenarios, results.Select(r => (string?)r["scenario"]));
        Assert.All(results, r => Assert.True((bool)r["ok"]!, r.ToJsonString()));
    }

    /// <summary>The node folder in the source tree (node_modules is installed there, not copied to the build output).</summary>
    private static string Folder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "LocalMultimodal.Server.Tests.csproj")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        return Path.Combine(directory.FullName, "node");
    }
}
