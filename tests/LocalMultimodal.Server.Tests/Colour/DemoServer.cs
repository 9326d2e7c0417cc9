using System.Text.Json.Nodes;
using LocalMultimodal.Server.Hosting;
using LocalMultimodal.Server.Tests.Infrastructure;

namespace LocalMultimodal.Server.Tests.Colour;

/// <summary>In-process servers on the built-in demo model (no <c>--model</c>), and greedy questions to them.</summary>
internal static class DemoServer
{
    /// <summary>The built-in model's name, which requests use in <c>model</c>.</summary>
    public const string ModelName = "localmm-colour-demo";

    /// <summary>Starts a server without a model path, so it serves the built-in demo model.</summary>
    public static Task<InProcessServer> StartAsync(Action<ServerOptions>? configure = null) => InProcessServer.StartAsync(o =>
    {
        o.ModelPath = null;
        o.ProjectorPath = null;
        o.ContextSize = 4096;
        configure?.Invoke(o);
    });

    /// <summary>A greedy one-message request with the given parts.</summary>
    public static JsonObject Request(params JsonNode[] parts) => new()
    {
        ["model"] = ModelName,
        ["max_tokens"] = 4,
        ["temperature"] = 0,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = new JsonArray(parts) }),
    };

    /// <summary>
    /// Posts the parts and returns the answer word. The model ends its turn right after the word, so the finish
    /// reason must be "stop".
    /// </summary>
    public static async Task<string> AskAsync(this HttpClient client, params JsonNode[] parts)
    {
        var answer = await (await client.PostChatAsync(Request(parts))).AssertAnswerAsync();
        Assert.Equal(ModelName, (string?)answer["model"]);
        Assert.Equal("stop", (string?)answer["choices"]![0]!["finish_reason"]);
        return (string?)answer["choices"]![0]!["message"]!["content"] ?? "";
    }
}
