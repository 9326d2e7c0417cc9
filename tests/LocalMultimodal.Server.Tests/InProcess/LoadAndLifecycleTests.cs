using System.Net;
using System.Text.Json.Nodes;
using LocalMultimodal.Server.Hosting;
using LocalMultimodal.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static LocalMultimodal.Server.Tests.Infrastructure.Api;

namespace LocalMultimodal.Server.Tests.InProcess;

/// <summary>Loading, draining, a full queue, clients that leave, and an engine that stops mid-answer.</summary>
public sealed class LoadAndLifecycleTests
{
    /// <summary>A prompt the generated model answers at length with greedy decoding (it was measured not to stop early).</summary>
    private static JsonObject LongAnswer(int maxTokens) =>
        Chat(Text("Tell me a long story.")).With("max_tokens", maxTokens).With("stream", true);

    [Fact]
    public async Task WhileLoading_HealthAndChatAre503_ThenReady()
    {
        var gate = new TaskCompletionSource();
        await using var server = await InProcessServer.StartAsync(
            services: s => s.AddSingleton<LoadEngine>(async (options, ct) =>
            {
                await gate.Task.WaitAsync(ct);
                return await MultimodalEngine.LoadAsync(options, cancellationToken: ct);
            }),
            waitUntilReady: false);

        await (await server.Client.GetAsync("/health")).AssertErrorAsync(HttpStatusCode.ServiceUnavailable, "model_loading");
        await (await server.Client.PostChatAsync(Chat(Text("hi")))).AssertErrorAsync(HttpStatusCode.ServiceUnavailable, "model_loading");
        await (await server.Client.GetAsync("/v1/models")).AssertErrorAsync(HttpStatusCode.ServiceUnavailable, "model_loading");

        gate.SetResult();
        await server.WaitForAsync(EngineState.Ready);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task WhileDraining_HealthAndNewChatsAre503_AndRunningStreamsFinish()
    {
        await using var server = await InProcessServer.StartAsync(o => o.ContextSize = 4096);
        using var running = await server.Client.SendAsync(
            new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = JsonContent(LongAnswer(1500)) },
            HttpCompletionOption.ResponseHeadersRead);

        server.Host.BeginDraining();

        await (await server.Client.GetAsync("/health")).AssertErrorAsync(HttpStatusCode.ServiceUnavailable, "shutting_down");
        await (await server.Client.PostChatAsync(Chat(Text("hi")))).AssertErrorAsync(HttpStatusCode.ServiceUnavailable, "shutting_down");
        var events = await running.ReadEventsAsync();
        Assert.Equal("[DONE]", events[^1]);
        Assert.Contains(events, e => e.Contains("\"finish_reason\":\"length\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FullQueue_IsA429WithRetryAfter()
    {
        await using var server = await InProcessServer.StartAsync(o =>
        {
            o.Parallel = 1;
            o.MaxQueuedRequests = 1;
            o.ContextSize = 16384;
        });
        using var cancel = new CancellationTokenSource();
        var running = await StartStreamAsync(server, LongAnswer(16000), cancel.Token);
        await WaitUntilAsync(() => server.Host.EngineOrNull!.ActiveSequences == 1);
        var queued = server.Client.PostChatAsync(LongAnswer(16000), cancel.Token);
        await WaitUntilAsync(() => server.Host.EngineOrNull!.QueueDepth == 1);

        var refused = await server.Client.PostChatAsync(Chat(Text("one more")));

        await refused.AssertErrorAsync(HttpStatusCode.TooManyRequests, "engine_busy");
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        cancel.Cancel();
        running.Dispose();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        await WaitUntilAsync(() => server.Host.EngineOrNull!.ActiveSequences == 0 && server.Host.EngineOrNull.QueueDepth == 0);
        await (await server.Client.PostChatAsync(Chat(Text("after")))).AssertAnswerAsync();
    }

    [Fact]
    public async Task StreamingClientThatLeaves_FreesItsSequence()
    {
        await using var server = await InProcessServer.StartAsync(o => o.ContextSize = 16384);
        using var cancel = new CancellationTokenSource();
        var response = await StartStreamAsync(server, LongAnswer(16000), cancel.Token);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        Assert.StartsWith("data: ", await reader.ReadLineAsync(cancel.Token));
        Assert.Equal(1, server.Host.EngineOrNull!.ActiveSequences);

        cancel.Cancel();
        response.Dispose();

        await WaitUntilAsync(() => server.Host.EngineOrNull!.ActiveSequences == 0);
    }

    [Fact]
    public async Task WaitingClientThatLeaves_FreesItsSequence()
    {
        await using var server = await InProcessServer.StartAsync(o => o.ContextSize = 16384);
        using var cancel = new CancellationTokenSource();
        var whole = server.Client.PostChatAsync(Chat(Text("Tell me a long story.")).With("max_tokens", 16000), cancel.Token);
        await WaitUntilAsync(() => server.Host.EngineOrNull!.ActiveSequences == 1);

        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => whole);
        await WaitUntilAsync(() => server.Host.EngineOrNull!.ActiveSequences == 0);
        await (await server.Client.PostChatAsync(Chat(Text("still here")))).AssertAnswerAsync();
    }

    [Fact]
    public async Task EngineStoppingMidStream_SendsAnErrorEventThenDone()
    {
        await using var server = await InProcessServer.StartAsync(o => o.ContextSize = 16384);
        using var response = await StartStreamAsync(server, LongAnswer(16000), CancellationToken.None);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.StartsWith("data: ", await reader.ReadLineAsync());

        await server.Host.EngineOrNull!.DisposeAsync();

        var events = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add(line["data: ".Length..]);
            }
        }

        Assert.Equal("[DONE]", events[^1]);
        Api.AssertErrorBody(events[^2], "shutting_down");
    }

    private static async Task<HttpResponseMessage> StartStreamAsync(InProcessServer server, JsonObject request, CancellationToken cancellationToken)
    {
        var response = await server.Client.SendAsync(
            new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = JsonContent(request) },
            HttpCompletionOption.ResponseHeadersRead,
            cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    private static StringContent JsonContent(JsonNode request) => new(request.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 10 s.");
            await Task.Delay(10);
        }
    }
}
