using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LocalMultimodal.Server.Tests.Infrastructure;
using static LocalMultimodal.Server.Tests.Infrastructure.Api;

namespace LocalMultimodal.Server.Tests.InProcess;

/// <summary><c>POST /v1/completions</c> (a text prompt) and <c>GET /v1/models/{id}</c>, as vLLM and llama-server offer them.</summary>
[Collection(SharedServerCollection.Name)]
public sealed class CompletionsTests(SharedServerFixture fixture)
{
    [Fact]
    public async Task Completion_AnswersWithTextFinishReasonAndUsage()
    {
        var json = await AssertOkAsync(await PostAsync(Prompt("Once upon a time")));

        Assert.Equal("text_completion", (string?)json["object"]);
        Assert.StartsWith("cmpl-", (string?)json["id"]);
        Assert.Equal("tiny-llama", (string?)json["model"]);
        var choice = Assert.Single(json["choices"]!.AsArray())!;
        Assert.Equal(0, (int)choice["index"]!);
        Assert.Equal("length", (string?)choice["finish_reason"]);
        Assert.NotEmpty((string)choice["text"]!);
        Assert.Equal(8, (int)json["usage"]!["completion_tokens"]!);
        Assert.True((int)json["usage"]!["prompt_tokens"]! > 0);
        Assert.Equal(0, (int)json["usage"]!["prompt_tokens_details"]!["image_tokens"]!);
    }

    [Fact]
    public async Task StreamedCompletion_EqualsTheWholeAnswer_AndEndsWithUsageAndDone()
    {
        var request = Prompt("The weather today").With("max_tokens", 12);
        var whole = await AssertOkAsync(await PostAsync(request));

        using var response = await PostAsync(request.With("stream", true).With("stream_options", new JsonObject { ["include_usage"] = true }));
        var events = await response.ReadEventsAsync();

        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonNode.Parse(e)!).ToList();
        Assert.All(chunks, c => Assert.Equal("text_completion", (string?)c["object"]));
        Assert.Single(chunks.Select(c => (string?)c["id"]).Distinct());
        string streamed = string.Concat(chunks.Select(c => (string?)c["choices"]!.AsArray().FirstOrDefault()?["text"]));
        Assert.Equal((string?)whole["choices"]![0]!["text"], streamed);
        Assert.Equal("length", (string?)chunks[^2]["choices"]![0]!["finish_reason"]);
        Assert.Empty(chunks[^1]["choices"]!.AsArray());
        Assert.Equal(12, (int)chunks[^1]["usage"]!["completion_tokens"]!);
    }

    [Fact]
    public async Task Stop_EndsTheTextBeforeTheStopString()
    {
        var request = Prompt("Count with me").With("max_tokens", 24).With("seed", 1);
        string full = (string)(await AssertOkAsync(await PostAsync(request)))["choices"]![0]!["text"]!;
        string stop = full.Trim().Length >= 4 ? full.Trim()[2..4] : full.Trim();

        var stopped = await AssertOkAsync(await PostAsync(request.With("stop", stop)));

        string text = (string)stopped["choices"]![0]!["text"]!;
        Assert.Equal("stop", (string?)stopped["choices"]![0]!["finish_reason"]);
        Assert.Equal(full[..full.IndexOf(stop, StringComparison.Ordinal)], text);
    }

    [Theory]
    [InlineData("""{"model":"tiny-llama"}""", HttpStatusCode.BadRequest, "prompt")]
    [InlineData("""{"prompt":["a","b"]}""", HttpStatusCode.BadRequest, "prompt")]
    [InlineData("""{"prompt":[1,2,3]}""", HttpStatusCode.BadRequest, "prompt")]
    [InlineData("""{"prompt":"<__media__>"}""", HttpStatusCode.BadRequest, "prompt")]
    [InlineData("""{"prompt":"hi","temperature":-1}""", HttpStatusCode.BadRequest, "temperature")]
    [InlineData("""{"prompt":"hi","max_tokens":0}""", HttpStatusCode.BadRequest, "max_tokens")]
    [InlineData("""{"prompt":"hi","n":2}""", HttpStatusCode.BadRequest, "n")]
    [InlineData("""{"prompt":"hi","best_of":3}""", HttpStatusCode.BadRequest, "best_of")]
    [InlineData("""{"prompt":"hi","echo":true}""", HttpStatusCode.NotImplemented, "echo")]
    [InlineData("""{"prompt":"hi","suffix":"end"}""", HttpStatusCode.NotImplemented, "suffix")]
    [InlineData("""{"prompt":"hi","logprobs":2}""", HttpStatusCode.NotImplemented, "logprobs")]
    [InlineData("""{"prompt":"hi","model":"gpt-4"}""", HttpStatusCode.NotFound, "model")]
    public async Task BadRequest_GetsTheChatErrorShapeNamingTheField(string body, HttpStatusCode status, string param)
    {
        var response = await fixture.Client.PostAsync("/v1/completions", new StringContent(body, Encoding.UTF8, "application/json"));

        await response.AssertErrorAsync(status, param: param);
    }

    [Fact]
    public async Task Model_ById_IsTheListsCard_AndAnUnknownIdIsA404()
    {
        var list = await (await fixture.Client.GetAsync("/v1/models")).ReadJsonAsync();

        var card = await (await fixture.Client.GetAsync("/v1/models/tiny-llama")).ReadJsonAsync();

        Assert.Equal(list["data"]![0]!.ToJsonString(), card.ToJsonString());
        await (await fixture.Client.GetAsync("/v1/models/gpt-4")).AssertErrorAsync(HttpStatusCode.NotFound, "model_not_found", "model");
    }

    private static JsonObject Prompt(string prompt) => new() { ["model"] = "tiny-llama", ["prompt"] = prompt, ["max_tokens"] = 8, ["temperature"] = 0 };

    private Task<HttpResponseMessage> PostAsync(JsonNode request) =>
        fixture.Client.PostAsync("/v1/completions", new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json"));

    private static async Task<JsonNode> AssertOkAsync(HttpResponseMessage response)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }
}
