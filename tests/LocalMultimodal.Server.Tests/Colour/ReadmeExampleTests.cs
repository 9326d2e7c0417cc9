using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LocalMultimodal.Server.Hosting;
using LocalMultimodal.Server.Tests.Infrastructure;

namespace LocalMultimodal.Server.Tests.Colour;

/// <summary>
/// The README's first example: <c>dotnet run --project src/LocalMultimodal.Server</c> (no flags), then this curl
/// command, whose answer must contain "red":
/// <code>
/// curl -s http://127.0.0.1:8000/v1/chat/completions -H "Content-Type: application/json" -d '{...RequestBody...}'
/// </code>
/// </summary>
public sealed class ReadmeExampleTests
{
    /// <summary>The curl command's body, byte for byte: an 8×8 red PNG as a data URL, greedy.</summary>
    private const string RequestBody =
        """{"model":"localmm-colour-demo","temperature":0,"messages":[{"role":"user","content":[{"type":"text","text":"What colour is this?"},{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR42mP4z8CAFTEMLQkAKP8/wc53yE8AAAAASUVORK5CYII="}}]}]}""";

    [Fact]
    public async Task CurlWithASmallRedPng_OnTheDefaultServer_AnswersRed()
    {
        // The server as the README starts it: every option at its default, but on a free port.
        var defaults = ServerCommandLine.Parse([], _ => null);
        await using var server = await InProcessServer.StartAsync(o =>
        {
            o.ModelPath = defaults.ModelPath;
            o.ProjectorPath = defaults.ProjectorPath;
            o.ContextSize = defaults.ContextSize;
            o.Parallel = defaults.Parallel;
            o.Threads = defaults.Threads;
            o.LimitPerPrompt = defaults.LimitPerPrompt;
        });

        var response = await server.Client.PostAsync("/v1/chat/completions", new StringContent(RequestBody, Encoding.UTF8, "application/json"));

        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var answer = JsonNode.Parse(body)!;
        Assert.Equal("localmm-colour-demo", (string?)answer["model"]);
        Assert.Contains("red", (string?)answer["choices"]![0]!["message"]!["content"]);
        Assert.Equal("stop", (string?)answer["choices"]![0]!["finish_reason"]);
    }
}
