using System.Text.Json.Nodes;
using LocalMultimodal.Testing.Conformance;
using LocalMultimodal.Server.Tests.Infrastructure;
using static LocalMultimodal.Server.Tests.Infrastructure.Api;

namespace LocalMultimodal.Server.Tests.Colour;

/// <summary>
/// The shared tool-calling suite through <c>/v1/chat/completions</c> on the built-in demo model: <c>tools</c>,
/// <c>tool_choice</c>, assistant <c>tool_calls</c> and <c>role: "tool"</c> messages in, <c>message.tool_calls</c> with
/// <c>finish_reason: "tool_calls"</c> out.
/// </summary>
[Collection(ColourServerCollection.Name)]
public sealed class HttpToolCallConformanceTests(ColourServerFixture fixture) : ToolCallConformanceTests
{
    protected override async Task<SurfaceToolAnswer> AskAsync(
        string question, byte[] png, IReadOnlyList<JsonObject> tools, SurfaceToolChoice choice, SurfaceToolCall? previousCall = null, string? toolResult = null)
    {
        JsonObject request = ToolRequests.Create(question, png, tools, choice, previousCall, toolResult);
        JsonNode answer = await (await fixture.Client.PostChatAsync(request)).AssertAnswerAsync();
        JsonNode message = answer["choices"]![0]!["message"]!;
        var calls = (message["tool_calls"] as JsonArray ?? []).Select(call =>
        {
            Assert.Equal("function", (string?)call!["type"]);
            return new SurfaceToolCall((string)call["id"]!, (string)call["function"]!["name"]!, JsonNode.Parse((string)call["function"]!["arguments"]!)!.AsObject());
        }).ToList();
        return new SurfaceToolAnswer((string?)message["content"] ?? string.Empty, calls, (string?)answer["choices"]![0]!["finish_reason"] == "tool_calls");
    }
}
