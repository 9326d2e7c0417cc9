using System.Diagnostics;
using System.Net;
using LocalMultimodal.Server.Tests.Infrastructure;
using OpenTelemetry.Trace;
using static LocalMultimodal.Server.Tests.Infrastructure.Api;

namespace LocalMultimodal.Server.Tests.InProcess;

/// <summary>Traces through OpenTelemetry: one trace per request, with the media stages as spans in order.</summary>
public sealed class TracingTests
{
    [Fact]
    public async Task ImageRequest_IsOneTrace_WithFetchDecodeQueueEncodePrefillDecodeInOrder()
    {
        var spans = new List<Activity>();
        await using var media = await StaticMediaServer.StartAsync();
        await using var server = await InProcessServer.StartAsync(
            o => o.Fetch.AllowPrivateAddresses = true,
            services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));

        var answer = await (await server.Client.PostChatAsync(Chat(ImageUrl(media.Url("red.png")), Text("Colour?")))).AssertAnswerAsync();
        var second = await (await server.Client.PostChatAsync(Chat(Text("Hello")))).AssertAnswerAsync();

        // The request's span ends just after the body is written, so it may reach the exporter after the client has the answer.
        var root = await ExportedAsync(spans, (string)answer["id"]!);
        await ExportedAsync(spans, (string)second["id"]!);

        Assert.Equal("chat tiny-llama", root.DisplayName);
        Assert.Equal("chat", root.GetTagItem("gen_ai.operation.name"));
        Assert.Equal((int)answer["usage"]!["prompt_tokens"]!, root.GetTagItem("gen_ai.usage.input_tokens"));
        List<Activity> stages;
        lock (spans)
        {
            stages = [.. spans.Where(s => s.ParentSpanId == root.SpanId).OrderBy(s => s.StartTimeUtc)];

            // ASP.NET Core's own span for the HTTP request is the trace's root; the trace has one request span (the media
            // server's span for the fetch, in this process, joins it through the traceparent header).
            var http = Assert.Single(spans, s => s.SpanId == root.ParentSpanId);
            Assert.Equal(ActivityKind.Server, http.Kind);
            Assert.Equal(default, http.ParentSpanId);
            Assert.Single(spans, s => s.TraceId == root.TraceId && s.GetTagItem("gen_ai.operation.name") is not null);
            Assert.DoesNotContain(spans, s => (string?)s.GetTagItem("gen_ai.response.id") == (string?)second["id"] && s.TraceId == root.TraceId);
        }

        Assert.Equal(
            ["localmm.fetch", "localmm.media_decode", "localmm.queue", "localmm.encode", "localmm.prefill", "localmm.decode"],
            stages.Select(s => s.DisplayName));
        Assert.All(stages, s => Assert.True(s.StartTimeUtc >= root.StartTimeUtc && s.StartTimeUtc + s.Duration <= root.StartTimeUtc + root.Duration + TimeSpan.FromMilliseconds(5), s.DisplayName));
        Assert.Equal("image", stages[0].GetTagItem("localmm.media.modality"));
        Assert.True(stages[^1].Duration > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/health/ready")).StatusCode);
    }

    private static async Task<Activity> ExportedAsync(List<Activity> spans, string responseId)
    {
        for (int i = 0; i < 100; i++)
        {
            lock (spans)
            {
                if (spans.FirstOrDefault(s => (string?)s.GetTagItem("gen_ai.response.id") == responseId) is { } span)
                {
                    Assert.Single(spans, s => (string?)s.GetTagItem("gen_ai.response.id") == responseId);
                    return span;
                }
            }

            await Task.Delay(20);
        }

        throw new Xunit.Sdk.XunitException($"No span has gen_ai.response.id {responseId}; spans: {string.Join(", ", spans.Select(s => s.DisplayName))}.");
    }
}
