using System.Diagnostics;
using System.Text.Json.Nodes;
using LocalMultimodal.Server.Tests.Infrastructure;

namespace LocalMultimodal.Server.Tests.Clients;

/// <summary>
/// A whole tool round trip, non-streamed and streamed, with the official <c>openai</c> npm package
/// (<c>node/tools.mjs</c>) against a server process on the demo model.
/// </summary>
[Collection(DemoProcessCollection.Name)]
public sealed class NodeToolRoundTripTests(DemoProcessFixture fixture)
{
    [Fact]
    public async Task OpenAINpmPackage_RunsAToolRoundTrip_StreamedAndNot()
    {
        string folder = NodeClientTests.NodeFolder();
        Assert.True(
            File.Exists(Path.Combine(folder, "node_modules", "openai", "package.json")),
            $"The openai npm package is not installed: run 'npm ci' in {folder} (.ci/run does).");

        var start = new ProcessStartInfo("node", "tools.mjs")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["LMM_BASE_URL"] = $"{fixture.BaseUrl}/v1",
                ["LMM_RED_PNG"] = Convert.ToBase64String(ColourImages.SolidPng(64, 64, 255, 0, 0)),
                ["LMM_BLUE_PNG"] = Convert.ToBase64String(ColourImages.SolidPng(64, 64, 0, 0, 255)),
            },
        };
        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        string output = await stdout;

        Assert.True(node.ExitCode == 0, $"node exited with {node.ExitCode}:\n{output}\n{await stderr}");
        var results = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["roundTrip", "streamedRoundTrip"], results.Select(r => (string?)r["scenario"]));
        Assert.All(results, r => Assert.True((bool)r["ok"]!, r.ToJsonString()));
    }
}
