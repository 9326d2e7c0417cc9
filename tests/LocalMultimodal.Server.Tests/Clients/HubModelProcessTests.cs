using LocalMultimodal.Models;
using LocalMultimodal.Server.Tests.Infrastructure;

namespace LocalMultimodal.Server.Tests.Clients;

/// <summary>
/// The server started with <c>--model owner/repo:Q8_0</c> against a stand-in hub: it downloads the demo model's files
/// (published as <c>*-Q8_0.gguf</c> and <c>mmproj-*-f16.gguf</c>), shows progress, answers, and starts again from
/// the cache with the hub stopped. Also the <c>pull</c> and <c>list</c> verbs.
/// </summary>
public sealed class HubModelProcessTests
{
    private const string Repo = "localmm/colour-demo-GGUF";

    [Fact]
    public async Task ModelByReference_Downloads_Serves_ThenStartsFromTheCacheWithTheHubStopped()
    {
        await using var hub = await StandInHub.StartAsync();
        using var cache = new TempFolder();
        Publish(hub, cache);
        var environment = Environment(hub, cache);

        await using (var first = await ServerProcess.StartAsync(environment, "--model", $"{Repo}:q8_0"))
        {
            Assert.Contains($"Model {Repo}:q8_0: from {hub.Endpoint}", first.Output, StringComparison.Ordinal);
            Assert.Contains("Downloading colour-demo-Q8_0.gguf (", first.Output, StringComparison.Ordinal);
            Assert.Contains("colour-demo-Q8_0.gguf: ", first.Output, StringComparison.Ordinal);
            Assert.Contains("SHA-256 verified", first.Output, StringComparison.Ordinal);
            Assert.Contains("Downloading mmproj-colour-demo-f16.gguf (", first.Output, StringComparison.Ordinal);
            Assert.Contains($"({Path.Combine(cache.Path, "hub", "models--localmm--colour-demo-GGUF", "snapshots")}", first.Output, StringComparison.Ordinal);
            await AssertAnswersRedAsync(first);
        }

        await hub.StopAsync();
        await using var second = await ServerProcess.StartAsync(environment, "-hf", $"{Repo}:Q8_0");
        Assert.Contains("found in the cache", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Downloading", second.Output, StringComparison.Ordinal);
        await AssertAnswersRedAsync(second);
    }

    [Fact]
    public async Task PullThenList_ShowTheCachedModel_AndOfflineServeNeedsNoHub()
    {
        await using var hub = await StandInHub.StartAsync();
        using var cache = new TempFolder();
        Publish(hub, cache);
        var environment = Environment(hub, cache);

        var (pulled, pullOutput, pullErrors) = await ServerProcess.RunToExitAsync(environment, "pull", $"{Repo}:Q8_0");
        Assert.True(pulled == 0, pullErrors);
        Assert.Contains("Downloading colour-demo-Q8_0.gguf", pullOutput, StringComparison.Ordinal);
        Assert.Contains("is ready at commit", pullOutput, StringComparison.Ordinal);

        var (listed, listOutput, _) = await ServerProcess.RunToExitAsync(environment, "list");
        Assert.Equal(0, listed);
        Assert.Contains(Repo, listOutput, StringComparison.Ordinal);
        Assert.Contains("colour-demo-Q8_0.gguf, mmproj-colour-demo-f16.gguf", listOutput, StringComparison.Ordinal);

        int requests = hub.HubRequests;
        await using var offline = await ServerProcess.StartAsync(environment, "--model", Repo + ":Q8_0", "--offline");
        Assert.Equal(requests, hub.HubRequests);
        await AssertAnswersRedAsync(offline);
    }

    [Fact]
    public async Task UnknownQuant_ExitsNamingTheQuantsThatExist()
    {
        await using var hub = await StandInHub.StartAsync();
        using var cache = new TempFolder();
        Publish(hub, cache);

        var (exitCode, _, errors) = await ServerProcess.RunToExitAsync(Environment(hub, cache), "--model", $"{Repo}:Q4_0", "--port", "0");

        Assert.Equal(1, exitCode);
        Assert.Contains("no 'Q4_0' quant on the hub. Quants that exist: Q8_0", errors, StringComparison.Ordinal);
    }

    private static void Publish(StandInHub hub, TempFolder folder)
    {
        var files = DemoModel.EnsureWritten(folder.File("demo"));
        hub.PublishFile(Repo, "colour-demo-Q8_0.gguf", files.Llm);
        hub.PublishFile(Repo, "mmproj-colour-demo-f16.gguf", files.Projector);
        hub.Publish(Repo, "README.md", "# colour demo"u8.ToArray());
    }

    private static Dictionary<string, string> Environment(StandInHub hub, TempFolder cache) => new()
    {
        ["HF_ENDPOINT"] = hub.Endpoint,
        ["HF_HUB_CACHE"] = cache.File("hub"),
        ["HF_TOKEN"] = "",
        ["HF_HUB_OFFLINE"] = "",
    };

    private static async Task AssertAnswersRedAsync(ServerProcess server)
    {
        using var client = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        var answer = await (await client.PostChatAsync(Api.Chat(Api.Text("What colour is this?"), Api.ImageUrl(DataUrls.Png(ColourImages.SolidPng(32, 32, 255, 0, 0)))).With("model", null))).AssertAnswerAsync();
        Assert.Equal("red", (string?)answer["choices"]![0]!["message"]!["content"]);
    }
}
