using System.Net;
using System.Text.Json.Nodes;
using LocalMultimodal.Server.Tests.Infrastructure;
using static LocalMultimodal.Server.Tests.Infrastructure.Api;

namespace LocalMultimodal.Server.Tests.InProcess;

/// <summary>Server-sent events as OpenAI sends them.</summary>
[Collection(SharedServerCollection.Name)]
public sealed class StreamingTests(SharedServerFixture fixture)
{
    [Fact]
    public async Task StreamWithIncludeUsage_SendsRoleTextFinishUsageAndDone()
    {
        var request = Chat(ImageUrl(DataUrls.Png(ColourImages.SolidPng(32, 32, 255, 0, 0))), Text("Describe.")).With("max_tokens", 10).With("stream", true)
            .With("stream_options", new JsonObject { ["include_usage"] = true });

        using var response = await fixture.Client.PostChatAsync(request);
        var events = await response.ReadEventsAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonNode.Parse(e)!).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", (string?)c["object"]));
        Assert.Single(chunks.Select(c => (string?)c["id"]).Distinct());
        Assert.Equal("assistant", (string?)chunks[0]["choices"]![0]!["delta"]!["role"]);
        var finish = chunks.Where(c => c["choices"]!.AsArray().Count == 1 && c["choices"]![0]!["finish_reason"] is not null).ToList();
        Assert.Equal("length", (string?)Assert.Single(finish)["choices"]![0]!["finish_reason"]);
        var usageChunk = chunks[^1];
        Assert.Empty(usageChunk["choices"]!.AsArray());
        Assert.Equal(10, (int)usageChunk["usage"]!["completion_tokens"]!);
        Assert.Equal(16, (int)usageChunk["usage"]!["prompt_tokens_details"]!["image_tokens"]!);
        Assert.All(chunks[..^1], c => Assert.Null(c["usage"]));
        string text = string.Concat(chunks.Select(c => (string?)c["choices"]!.AsArray().FirstOrDefault()?["delta"]?["content"]));
        Assert.NotEmpty(text);
    }

    [Fact]
    public async Task StreamedText_EqualsTheWholeAnswer()
    {
        var request = Chat(Text("Tell me something.")).With("max_tokens", 16);
        var whole = await (await fixture.Client.PostChatAsync(request)).AssertAnswerAsync();

        using var response = await fixture.Client.PostChatAsync(request.With("stream", true));
        var events = await response.ReadEventsAsync();

        string streamed = string.Concat(events[..^1].Select(e => (string?)JsonNode.Parse(e)!["choices"]!.AsArray().FirstOrDefault()?["delta"]?["content"]));
        Assert.Equal((string?)whole["choices"]![0]!["message"]!["content"], streamed);
    }

    [Fact]
    public async Task StreamWithoutIncludeUsage_HasNoUsageChunk()
    {
        using var response = await fixture.Client.PostChatAsync(Chat(Text("hi")).With("max_tokens", 4).With("stream", true));
        var events = await response.ReadEventsAsync();

        Assert.Equal("[DONE]", events[^1]);
        Assert.All(events[..^1], e => Assert.Null(JsonNode.Parse(e)!["usage"]));
    }

    [Fact]
    public async Task ErrorBeforeTheFirstToken_IsAPlainErrorResponse_NotAStream()
    {
        using var response = await fixture.Client.PostChatAsync(Chat(Part("image_pil", null, "stream-miss")).With("stream", true));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "media_cache_miss");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }
}
