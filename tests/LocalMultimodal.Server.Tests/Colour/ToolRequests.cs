using System.Text.Json.Nodes;
using LocalMultimodal.Testing;
using LocalMultimodal.Testing.Conformance;
using static LocalMultimodal.Server.Tests.Infrastructure.Api;

namespace LocalMultimodal.Server.Tests.Colour;

/// <summary>Chat requests with tools in OpenAI's JSON, for the demo model.</summary>
internal static class ToolRequests
{
    public static JsonObject Create(
        string question, byte[] png, IReadOnlyList<JsonObject> tools, SurfaceToolChoice choice, SurfaceToolCall? previousCall = null, string? toolResult = null)
    {
        var messages = new JsonArray(new JsonObject
        {
            ["role"] = "user",
            ["content"] = new JsonArray(Text(question), ImageUrl(DataUrls.Of(png, "image/png"))),
        });
        if (previousCall is not null)
        {
            messages.Add(new JsonObject
            {
                ["role"] = "assistant",
                ["content"] = null,
                ["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["id"] = previousCall.Id,
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = previousCall.Name, ["arguments"] = previousCall.Arguments.ToJsonString() },
                }),
            });
            messages.Add(new JsonObject { ["role"] = "tool", ["tool_call_id"] = previousCall.Id, ["content"] = toolResult });
        }

        return new JsonObject
        {
            ["model"] = LocalMultimodal.Models.DemoModel.Name,
            ["temperature"] = 0,
            ["max_tokens"] = 64,
            ["messages"] = messages,
            ["tools"] = new JsonArray([.. tools.Select(t => (JsonNode)t.DeepClone())]),
            ["tool_choice"] = choice.Mode == "function"
                ? new JsonObject { ["type"] = "function", ["function"] = new JsonObject { ["name"] = choice.Function } }
                : choice.Mode,
        };
    }
}
