using System.Net;
using System.Text.Json.Nodes;
using LocalMultimodal.Testing;
using LocalMultimodal.Testing.Conformance;
using LocalMultimodal.Server.Tests.Infrastructure;

namespace LocalMultimodal.Server.Tests.Colour;

/// <summary>Streamed tool calls in OpenAI's chunk shape, and the tool requests the server refuses, on the demo model.</summary>
[Collection(ColourServerCollection.Name)]
public sealed class ToolCallStreamingTests(ColourServerFixture fixture)
{
    [Fact]
    public async Task StreamedCall_IsOneDeltaWithIndexIdNameAndCompleteArguments_ThenFinishToolCalls()
    {
        JsonObject request = ToolRequests.Create("Which paint?", ColourImages.SolidPng(64, 64, 0, 0, 255), [SurfaceTools.FindPaintTool()], SurfaceToolChoice.Auto);
        request["stream"] = true;

        List<string> events = await (await fixture.Client.PostChatAsync(request)).ReadEventsAsync();

        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonNode.Parse(e)!).ToList();
        var deltas = chunks.Select(c => c["choices"]![0]!["delta"]!).ToList();
        JsonNode callChunk = Assert.Single(deltas, d => d["tool_calls"] is not null)!;
        JsonNode call = Assert.Single(callChunk["tool_calls"]!.AsArray())!;
        Assert.Equal(0, (int)call["index"]!);
        Assert.StartsWith("call_", (string?)call["id"], StringComparison.Ordinal);
        Assert.Equal("function", (string?)call["type"]);
        Assert.Equal("find_paint", (string?)call["function"]!["name"]);
        Assert.Equal("blue", (string?)JsonNode.Parse((string)call["function"]!["arguments"]!)!["colour"]);
        Assert.Equal("tool_calls", (string?)chunks[^1]["choices"]![0]!["finish_reason"]);
        Assert.DoesNotContain(deltas, d => ((string?)d["content"] ?? string.Empty).Contains("tool_call", StringComparison.Ordinal));
    }

    public static TheoryData<string, string> BadRequests => new()
    {
        // A tool result whose call no assistant message made.
        { """{"messages": [{"role": "user", "content": "hi"}, {"role": "tool", "tool_call_id": "call_9", "content": "x"}], "tools": [TOOL]}""", "messages[1].tool_call_id" },
        { """{"messages": [{"role": "user", "content": "hi"}, {"role": "tool", "content": "x"}]}""", "messages[1].tool_call_id" },
        { """{"messages": [{"role": "user", "content": "hi"}, {"role": "function", "name": "f", "content": "x"}]}""", "messages[1].role" },
        { """{"messages": [{"role": "user", "content": "hi"}], "tools": [TOOL], "tool_choice": "sometimes"}""", "tool_choice" },
        { """{"messages": [{"role": "user", "content": "hi"}], "tools": [TOOL], "tool_choice": {"type": "function", "function": {"name": "mix_paint"}}}""", "tool_choice" },
        { """{"messages": [{"role": "user", "content": "hi"}], "tool_choice": "required"}""", "tool_choice" },
        { """{"messages": [{"role": "user", "content": "hi"}], "tools": [{"type": "function"}]}""", "tools[0].function" },
        { """{"messages": [{"role": "user", "content": "hi"}], "tools": [{"type": "retrieval", "function": {"name": "f"}}]}""", "tools[0].type" },
        { """{"messages": [{"role": "user", "content": "hi"}], "tools": [{"type": "function", "function": {"name": "find paint!"}}]}""", "tools[0].function.name" },
        { """{"messages": [{"role": "user", "content": "hi"}], "tools": [{"type": "function", "function": {"name": "f", "parameters": [1]}}]}""", "tools[0].function.parameters" },
        { """{"messages": [{"role": "user", "content": "hi"}], "tools": [TOOL, TOOL]}""", "tools[1].function.name" },
        { """{"messages": [{"role": "user", "content": "hi"}], "tools": "find_paint"}""", "tools" },
        { """{"messages": [{"role": "user", "content": "hi"}], "logit_bias": {"50": 10}}""", "logit_bias" },
        { """{"messages": [{"role": "user", "content": "hi"}], "functions": [{"name": "f"}]}""", "functions" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task BadToolInput_IsA400NamingTheField(string body, string param)
    {
        string json = body.Replace("TOOL", SurfaceTools.FindPaintTool().ToJsonString(), StringComparison.Ordinal);

        var response = await fixture.Client.PostAsync("/v1/chat/completions", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, param: param);
    }
}
