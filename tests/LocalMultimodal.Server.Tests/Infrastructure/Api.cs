using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace LocalMultimodal.Server.Tests.Infrastructure;

/// <summary>Builds chat requests as raw JSON (as any client would send them) and checks answers.</summary>
internal static class Api
{
    public static JsonObject Text(string text) => new() { ["type"] = "text", ["text"] = text };

    public static JsonObject ImageUrl(string url, string? uuid = null) => WithUuid(new() { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = url } }, uuid);

    public static JsonObject AudioUrl(string url) => new() { ["type"] = "audio_url", ["audio_url"] = new JsonObject { ["url"] = url } };

    public static JsonObject InputAudio(byte[] bytes, string format = "wav") =>
        new() { ["type"] = "input_audio", ["input_audio"] = new JsonObject { ["data"] = Convert.ToBase64String(bytes), ["format"] = format } };

    public static JsonObject Part(string type, JsonNode? value, string? uuid = null) => WithUuid(new() { ["type"] = type, [type] = value }, uuid);

    /// <summary>A one-message user request with the given parts.</summary>
    public static JsonObject Chat(params JsonNode[] parts) => new()
    {
        ["model"] = "tiny-llama",
        ["max_tokens"] = 8,
        ["temperature"] = 0,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = new JsonArray(parts) }),
    };

    public static JsonObject With(this JsonObject request, string field, JsonNode? value)
    {
        request[field] = value;
        return request;
    }

    public static Task<HttpResponseMessage> PostChatAsync(this HttpClient client, JsonNode request, CancellationToken cancellationToken = default) =>
        client.PostAsync("/v1/chat/completions", new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json"), cancellationToken);

    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    /// <summary>Checks an OK chat answer and returns its body.</summary>
    public static async Task<JsonNode> AssertAnswerAsync(this HttpResponseMessage response)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        var json = JsonNode.Parse(body)!;
        Assert.Equal("chat.completion", (string?)json["object"]);
        Assert.Equal("assistant", (string?)json["choices"]![0]!["message"]!["role"]);
        return json;
    }

    /// <summary>Checks that the answer is an OpenAI error body with all four fields and the given status; returns the error object.</summary>
    public static async Task<JsonNode> AssertErrorAsync(this HttpResponseMessage response, HttpStatusCode status, string? code = null, string? param = null)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return AssertErrorBody(body, code, param);
    }

    public static JsonNode AssertErrorBody(string body, string? code = null, string? param = null)
    {
        var error = JsonNode.Parse(body)!["error"]!.AsObject();
        Assert.Equal(["code", "message", "param", "type"], error.Select(p => p.Key).Order());
        Assert.False(string.IsNullOrWhiteSpace((string?)error["message"]));
        Assert.False(string.IsNullOrWhiteSpace((string?)error["type"]));
        if (code is not null)
        {
            Assert.Equal(code, (string?)error["code"]);
        }

        if (param is not null)
        {
            Assert.Equal(param, (string?)error["param"]);
        }

        return error;
    }

    /// <summary>Reads an event stream to its end: the data of every event, in order.</summary>
    public static async Task<List<string>> ReadEventsAsync(this HttpResponseMessage response)
    {
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = new List<string>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add(line["data: ".Length..]);
            }
        }

        return events;
    }

    private static JsonObject WithUuid(JsonObject part, string? uuid)
    {
        if (uuid is not null)
        {
            part["uuid"] = uuid;
        }

        return part;
    }
}
