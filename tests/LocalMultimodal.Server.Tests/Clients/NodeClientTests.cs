using System.Diagnostics;
using System.Text.Json.Nodes;
using LocalMultimodal.Server.Tests.Infrastructure;

namespace LocalMultimodal.Server.Tests.Clients;

/// <summary>
/// The official <c>openai</c> npm package against a real server process, through <c>node/client.mjs</c>.
/// Its dependencies come from <c>npm ci</c> in the node folder (CI runs it); without them the test fails and says so.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class NodeClientTests(ServerProcessFixture fixture)
{
    private static readonly string[] Scenarios = ["imageByDataUrl", "imageByHttpUrl", "audioByInputAudio", "multiImage", "streamWithUsage", "overImageLimit", "jsonSchemaResponse"];

    [Fact]
    public async Task OpenAINpmPackage_RunsEveryScenario()
    {
        string folder = NodeFolder();
        Assert.True(
            File.Exists(Path.Combine(folder, "node_modules", "openai", "package.json")),
            $"The openai npm package is not installed: run 'npm ci' in {folder} (.ci/run does).");

        var start = new ProcessStartInfo("node", "client.mjs")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["LMM_BASE_URL"] = $"{fixture.BaseUrl}/v1",
                ["LMM_MEDIA_URL"] = fixture.MediaUrl,
                ["LMM_MODEL"] = ServerProcessFixture.ModelName,
            },
        };
        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        string output = await stdout;

        Assert.True(node.ExitCode == 0, $"node exited with {node.ExitCode}:\n{output}\n{await stderr}");
        var results = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(Scenarios, results.Select(r => (string?)r["scenario"]));
        Assert.All(results, r => Assert.True((bool)r["ok"]!, r.ToJsonString()));
    }

    /// <summary>The node folder in the source tree (node_modules is installed there, not copied to the build output).</summary>
    private static string NodeFolder()
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
