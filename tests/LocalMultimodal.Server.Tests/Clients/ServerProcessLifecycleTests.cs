using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LocalMultimodal.Server.Tests.Infrastructure;

namespace LocalMultimodal.Server.Tests.Clients;

/// <summary>Start-up and shutdown of the real process.</summary>
public sealed class ServerProcessLifecycleTests
{
    /// <summary>Seconds of generation the SIGTERM stream is sized for: long beside one token, short beside the drain window.</summary>
    private const double StreamSeconds = 4;

    /// <summary>The longest stream: the tiny model is known to run this far without ending its turn.</summary>
    private const int MaxStreamTokens = 800;

    [Fact]
    public async Task MissingModelFile_ExitsNonZeroNamingTheFile()
    {
        string missing = Path.Combine(Path.GetTempPath(), $"no-such-model-{Guid.NewGuid():N}.gguf");

        var (exitCode, _, errors) = await ServerProcess.RunToExitAsync("--model", missing, "--port", "0");

        Assert.Equal(1, exitCode);
        Assert.Contains(missing, errors);
    }

    [Fact]
    public async Task CorruptModelFile_ExitsNonZeroNamingTheFile()
    {
        string corrupt = Path.GetTempFileName();
        await File.WriteAllBytesAsync(corrupt, [.. "GGUF"u8, 3, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF]);
        try
        {
            var (exitCode, _, errors) = await ServerProcess.RunToExitAsync("--model", corrupt, "--port", "0");

            Assert.Equal(1, exitCode);
            Assert.Contains(corrupt, errors);
        }
        finally
        {
            File.Delete(corrupt);
        }
    }

    [Fact]
    public async Task UnknownFlag_ExitsWithUsageError()
    {
        var (exitCode, _, errors) = await ServerProcess.RunToExitAsync("--model-path", "x");

        Assert.Equal(2, exitCode);
        Assert.Contains("--model-path", errors);
    }

    [Fact]
    public async Task Help_PrintsTheFlagsAndExits()
    {
        var (exitCode, output, _) = await ServerProcess.RunToExitAsync("--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("--limit-mm-per-prompt JSON", output);
        Assert.Contains("(default: 127.0.0.1)", output);
    }

    [Fact]
    public async Task StartupLines_NameTheUrlModelModalitiesAndLimits()
    {
        await using var server = await ServerProcess.StartAsync("--model", TestModels.Llm, "--mmproj", TestModels.Projector, "--limit-mm-per-prompt", """{"image":3}""", "--ctx-size", "1024", "--parallel", "1");

        Assert.Matches(@"Listening on http://127\.0\.0\.1:\d+", server.Output);
        Assert.Contains($"Model: tiny-llama ({TestModels.Llm})", server.Output);
        Assert.Contains("Modalities: text, image, audio", server.Output);
        Assert.Contains("Limits: media per prompt image 3; context 1024 tokens; 1 parallel", server.Output);
    }

    /// <summary>
    /// The stream is sized from the generation rate measured first on this server (about <see cref="StreamSeconds"/>
    /// of tokens), so it is still running when SIGTERM comes however loaded the machine is, and ends well inside the
    /// server's 30 s drain window instead of racing it.
    /// </summary>
    [Fact]
    public async Task Sigterm_LetsTheRunningStreamFinish_ThenExitsCleanly()
    {
        await using var server = await ServerProcess.StartAsync("--model", TestModels.Llm, "--mmproj", TestModels.Projector, "--ctx-size", "4096");
        using var client = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        int maxTokens = await TokensForAsync(client, TimeSpan.FromSeconds(StreamSeconds));
        using var response = await client.SendAsync(
            new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = JsonContent.Create(StoryRequest(maxTokens, stream: true)) },
            HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.StartsWith("data: ", await reader.ReadLineAsync());

        server.SendSigterm();

        string rest = await reader.ReadToEndAsync();
        Assert.Contains("\"finish_reason\":\"length\"", rest);
        Assert.EndsWith("data: [DONE]", rest.TrimEnd());
        Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        await Assert.ThrowsAsync<HttpRequestException>(() => new HttpClient().GetAsync($"{server.BaseUrl}/health"));
    }

    /// <summary>How many tokens the server generates in <paramref name="duration"/>, from a timed 64-token answer.</summary>
    private static async Task<int> TokensForAsync(HttpClient client, TimeSpan duration)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var response = await client.PostAsync("/v1/chat/completions", JsonContent.Create(StoryRequest(64, stream: false)));
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        double perSecond = (int)answer["usage"]!["completion_tokens"]! / clock.Elapsed.TotalSeconds;
        return Math.Clamp((int)(perSecond * duration.TotalSeconds), 64, MaxStreamTokens);
    }

    private static JsonObject StoryRequest(int maxTokens, bool stream) => new()
    {
        ["max_tokens"] = maxTokens, ["temperature"] = 0, ["stream"] = stream,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Tell me a long story." }),
    };
}
