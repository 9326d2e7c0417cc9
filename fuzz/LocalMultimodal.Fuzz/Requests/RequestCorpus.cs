using System.Text.Json.Nodes;
using LocalMultimodal.Fuzz.Parsers;
using LocalMultimodal.Testing;

namespace LocalMultimodal.Fuzz.Requests;

/// <summary>Valid OpenAI chat requests for the demo model, one per kind of content, that the mutator starts from.</summary>
internal static class RequestCorpus
{
    public static IReadOnlyList<JsonObject> Build()
    {
        string png = Convert.ToBase64String(ParserSeeds.For("image")[0]);
        string jpeg = Convert.ToBase64String(ParserSeeds.For("image")[1]);
        string wav = Convert.ToBase64String(Wavs.Tone(440, 16000, 1, seconds: 0.2));
        string npy = Convert.ToBase64String(ParserSeeds.For("npy").FirstOrDefault() ?? []);
        return
        [
            Chat(User("What colour is the sky?")),
            Chat(User(Text("What colour is this?"), Image($"data:image/png;base64,{png}", "img-1"))),
            Chat(User(Image($"data:image/jpeg;base64,{jpeg}", null), Text("and this?"), Image($"data:image/png;base64,{png}", null))),
            Chat(User(Audio(wav), Text("What do you hear?"))),
            Chat(new JsonObject { ["role"] = "system", ["content"] = "Answer in one word." }, User(Text("Colour?"), Image($"data:image/png;base64,{png}", "img-2")), new JsonObject { ["role"] = "assistant", ["content"] = "red" }, User("Sure?")),
            Chat(User(Text("again"), new JsonObject { ["type"] = "image_url", ["image_url"] = null, ["uuid"] = "img-1" })).With("stream", true).With("stream_options", new JsonObject { ["include_usage"] = true }),
            Chat(User(new JsonObject { ["type"] = "image_embeds", ["image_embeds"] = npy }, Text("embeds"))),
            Chat(User(new JsonObject { ["type"] = "image_embeds", ["image_embeds"] = new JsonObject { ["image_embeds"] = npy, ["image_grid_thw"] = new JsonArray(1, 4, 4) } }, Text("embeds on a grid"))),
            Chat(User(Image("https://media.invalid/a.png", null), new JsonObject { ["type"] = "video_url", ["video_url"] = new JsonObject { ["url"] = "https://media.invalid/v.mp4" } })).With("media_io_kwargs", new JsonObject { ["video"] = new JsonObject { ["num_frames"] = 2 } }),
            Chat(User("hi")).With("top_p", 0.9).With("top_k", 40).With("seed", 7).With("stop", new JsonArray("x", "y")).With("frequency_penalty", 0.5).With("logprobs", false).With("n", 1),
        ];
    }

    private static JsonObject Chat(params JsonObject[] messages) => new()
    {
        ["model"] = "localmm-colour-demo",
        ["temperature"] = 0,
        ["max_tokens"] = 4,
        ["messages"] = new JsonArray(messages),
    };

    private static JsonObject With(this JsonObject request, string key, JsonNode? value)
    {
        request[key] = value;
        return request;
    }

    private static JsonObject User(string text) => new() { ["role"] = "user", ["content"] = text };

    private static JsonObject User(params JsonObject[] parts) => new() { ["role"] = "user", ["content"] = new JsonArray(parts) };

    private static JsonObject Text(string text) => new() { ["type"] = "text", ["text"] = text };

    private static JsonObject Image(string url, string? uuid)
    {
        var part = new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = url } };
        if (uuid is not null)
        {
            part["uuid"] = uuid;
        }

        return part;
    }

    private static JsonObject Audio(string base64) =>
        new() { ["type"] = "input_audio", ["input_audio"] = new JsonObject { ["data"] = base64, ["format"] = "wav" } };
}
