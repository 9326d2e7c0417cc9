using System.Text.Json.Nodes;
using LocalMultimodal.Media;
using LocalMultimodal.Models;
using LocalMultimodal.Server.Hosting;

namespace LocalMultimodal.Server.Tests.Infrastructure;

/// <summary>
/// Servers on the built-in colour demo model, which answers an image or video with the nearest palette colour to its
/// mean colour and audio with <c>silence</c>, <c>low</c> or <c>high</c>: tests assert the answer, not just that
/// there is one.
/// </summary>
internal static class DemoServer
{
    /// <summary>Frames sampled per video: 4 frames of 16 image tokens each.</summary>
    public const int NumFrames = 4;

    public const int TokensPerFrame = 16;

    private static readonly Lazy<DemoModelFiles> Files = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("lmm-server-demo-");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Cleaned by the OS eventually.
            }
        };
        return DemoModel.EnsureWritten(folder.FullName);
    });

    /// <summary>
    /// Starts a demo server with embeddings on, at most one video, two images and one audio clip per prompt, and
    /// <see cref="NumFrames"/> frames per video; <paramref name="configure"/> changes the rest.
    /// </summary>
    public static Task<InProcessServer> StartAsync(Action<ServerOptions>? configure = null) => InProcessServer.StartAsync(o =>
    {
        o.ModelPath = Files.Value.Llm;
        o.ProjectorPath = Files.Value.Projector;
        o.ContextSize = 4096;
        o.EnableMediaEmbeds = true;
        o.LimitPerPrompt = new Dictionary<MediaModality, int> { [MediaModality.Image] = 2, [MediaModality.Audio] = 1, [MediaModality.Video] = 1 };
        o.MediaIo.VideoNumFrames = NumFrames;
        configure?.Invoke(o);
    });

    /// <summary>
    /// Starts a server without a model path, so it serves the built-in demo model as a user's first start does (no
    /// limits but the defaults'); <paramref name="configure"/> changes the rest.
    /// </summary>
    public static Task<InProcessServer> StartBuiltInAsync(Action<ServerOptions>? configure = null) => InProcessServer.StartAsync(o =>
    {
        o.ModelPath = null;
        o.ProjectorPath = null;
        o.ContextSize = 4096;
        configure?.Invoke(o);
    });

    /// <summary>A greedy one-message request to the demo model with the given parts.</summary>
    public static JsonObject Request(params JsonNode[] parts) => Ask(parts).With("max_tokens", 4).With("temperature", 0);

    /// <summary>
    /// Posts the parts greedily and returns the answer word. The model ends its turn right after the word, so the
    /// finish reason must be "stop".
    /// </summary>
    public static async Task<string> AskAsync(this HttpClient client, params JsonNode[] parts)
    {
        var answer = await (await client.PostChatAsync(Request(parts))).AssertAnswerAsync();
        Assert.Equal(DemoModel.Name, (string?)answer["model"]);
        Assert.Equal("stop", (string?)answer["choices"]![0]!["finish_reason"]);
        return (string?)answer["choices"]![0]!["message"]!["content"] ?? "";
    }

    /// <summary>A one-message user request to the demo model.</summary>
    public static JsonObject Ask(params JsonNode[] parts) => Api.Chat(parts).With("model", DemoModel.Name);

    public static JsonObject VideoUrl(string url, string? uuid = null) => Api.Part("video_url", new JsonObject { ["url"] = url }, uuid);

    /// <summary>Checks an OK answer and returns its text and image token count.</summary>
    public static async Task<(string Text, int ImageTokens)> AnswerAsync(this HttpResponseMessage response)
    {
        var json = await response.AssertAnswerAsync();
        return ((string)json["choices"]![0]!["message"]!["content"]!, (int)json["usage"]!["prompt_tokens_details"]!["image_tokens"]!);
    }
}
