using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LocalMultimodal.Prompts;
using LocalMultimodal.Server.Tests.Infrastructure;
using static LocalMultimodal.Server.Tests.Infrastructure.Api;

namespace LocalMultimodal.Server.Tests.InProcess;

/// <summary>llama-server's and vLLM's prompt routes: /apply-template, /tokenize and /detokenize.</summary>
[Collection(SharedServerCollection.Name)]
public sealed class TemplateEndpointTests(SharedServerFixture fixture)
{
    [Fact]
    public async Task ApplyTemplate_EqualsTheEnginesRendering_WithMediaToolsAndToolCalls()
    {
        var tool = new JsonObject { ["type"] = "function", ["function"] = new JsonObject { ["name"] = "get_weather", ["parameters"] = new JsonObject { ["type"] = "object" } } };
        var body = new JsonObject
        {
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "user", ["content"] = new JsonArray(ImageUrl("http://example.invalid/a.png"), Text("Weather there?")) },
                new JsonObject
                {
                    ["role"] = "assistant",
                    ["content"] = null, // as OpenAI clients send it beside tool_calls
                    ["tool_calls"] = new JsonArray(new JsonObject
                    {
                        ["id"] = "call_1",
                        ["type"] = "function",
                        ["function"] = new JsonObject { ["name"] = "get_weather", ["arguments"] = "{\"city\":\"Oslo\"}" },
                    }),
                },
                new JsonObject { ["role"] = "tool", ["tool_call_id"] = "call_1", ["content"] = "rain" }),
            ["tools"] = new JsonArray(tool.DeepClone()),
        };

        string prompt = (string)(await (await PostAsync("/apply-template", body)).ReadJsonAsync())["prompt"]!;

        var engine = fixture.Server.Host.Require();
        string expected = engine.ApplyChatTemplate(
            [
                new ChatTurn("user", LocalMultimodal.Media.ImageInput.Reference("x"), "Weather there?"),
                new ChatTurn("assistant") { ToolCalls = [new ChatToolCall("call_1", "get_weather", new JsonObject { ["city"] = "Oslo" })] },
                new ChatTurn("tool", "rain") { ToolCallId = "call_1" },
            ],
            new ChatTemplateOptions { Tools = [tool] });
        Assert.Equal(expected, prompt);
        Assert.StartsWith("<|im_start|>system\n# Tools", prompt);
        Assert.Contains("<|im_start|>user\n<__media__>Weather there?<|im_end|>", prompt);
        Assert.Contains("{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Oslo\"}}", prompt);
        Assert.EndsWith("<tool_response>\nrain\n</tool_response><|im_end|>\n<|im_start|>assistant\n", prompt);
    }

    [Fact]
    public async Task Tokenize_RoundTripsThroughDetokenize_WithPieces()
    {
        const string text = "hello wörld <|im_end|>";

        var tokenized = await (await PostAsync("/tokenize", new JsonObject { ["content"] = text, ["with_pieces"] = true })).ReadJsonAsync();
        var tokens = tokenized["tokens"]!.AsArray();
        var ids = new JsonArray([.. tokens.Select(t => (JsonNode)JsonValue.Create((int)t!["id"]!))]);
        var detokenized = await (await PostAsync("/detokenize", new JsonObject { ["tokens"] = ids })).ReadJsonAsync();
        var plain = await (await PostAsync("/tokenize", new JsonObject { ["content"] = text })).ReadJsonAsync();

        // The SentencePiece vocabulary adds its space prefix, and the tokens give it back, as llama-server's do.
        Assert.Equal(" " + text, (string?)detokenized["content"]);
        Assert.Equal(ids.ToJsonString(), plain["tokens"]!.ToJsonString());
        Assert.Equal(ids.Count, (int)plain["count"]!);
        Assert.Contains(tokens, t => t!["piece"] is JsonValue piece && (string?)piece == "<|im_end|>"); // parse_special defaults to true
        var pieces = new List<byte>();
        foreach (var piece in tokens.Select(t => t!["piece"]!))
        {
            pieces.AddRange(piece is JsonArray bytes ? bytes.Select(b => (byte)(int)b!) : Encoding.UTF8.GetBytes((string)piece!));
        }

        Assert.Equal(" " + text, Encoding.UTF8.GetString([.. pieces]));
    }

    [Fact]
    public async Task Tokenize_VllmPromptAddsBos_LlamaServerContentDoesNot()
    {
        var vllm = await (await PostAsync("/tokenize", new JsonObject { ["prompt"] = "hello" })).ReadJsonAsync();
        var llama = await (await PostAsync("/tokenize", new JsonObject { ["content"] = "hello" })).ReadJsonAsync();

        Assert.Equal(llama["tokens"]!.AsArray().Count + 1, vllm["tokens"]!.AsArray().Count);
        Assert.Equal(2048, (int)vllm["max_model_len"]!);
    }

    [Theory]
    [InlineData("/tokenize", "{}", "content")]
    [InlineData("/tokenize", "{\"content\": 5}", null)]
    [InlineData("/tokenize", "[1, 2]", null)]
    [InlineData("/detokenize", "{}", "tokens")]
    [InlineData("/detokenize", "{\"tokens\": [1, -3]}", "tokens[1]")]
    [InlineData("/detokenize", "{\"tokens\": [99999999]}", "tokens")]
    [InlineData("/detokenize", "{\"tokens\": [\"a\"]}", null)]
    [InlineData("/apply-template", "{\"messages\": []}", "messages")]
    [InlineData("/apply-template", "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"tools\": {}}", "tools")]
    [InlineData("/apply-template", "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"chat_template_kwargs\": [1]}", "chat_template_kwargs")]
    [InlineData("/apply-template", "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"chat_template_kwargs\": {\"messages\": []}}", "chat_template_kwargs")]
    [InlineData("/apply-template", "{\"messages\": [{\"role\": \"assistant\", \"content\": null, \"tool_calls\": [{\"function\": {\"name\": \"f\", \"arguments\": \"not json\"}}]}]}", "messages[0].tool_calls[0].function.arguments")]
    public async Task BadInput_IsA400WithAnOpenAIErrorBody(string route, string body, string? param)
    {
        var response = await fixture.Client.PostAsync(route, new StringContent(body, Encoding.UTF8, "application/json"));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, param: param);
        await (await PostAsync("/tokenize", new JsonObject { ["content"] = "still serving" })).ReadJsonAsync();
    }

    [Fact]
    public async Task CustomTemplate_KwargsFromFlagAndRequestReachIt_AndItsRaiseExceptionIsA400()
    {
        const string template = "{% if messages[0].role != 'user' %}{{ raise_exception('Conversations must start with a user message') }}{% endif %}"
            + "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}<|im_start|>assistant\n{{ greeting }}";
        await using var server = await InProcessServer.StartAsync(o =>
        {
            o.ChatTemplate = template;
            o.DefaultChatTemplateKwargs = new JsonObject { ["greeting"] = "flag-default" };
        });
        var user = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "hi" });

        string byFlag = (string)(await (await PostAsync(server.Client, "/apply-template", new JsonObject { ["messages"] = user.DeepClone() })).ReadJsonAsync())["prompt"]!;
        string byRequest = (string)(await (await PostAsync(server.Client, "/apply-template", new JsonObject
        {
            ["messages"] = user.DeepClone(),
            ["chat_template_kwargs"] = new JsonObject { ["greeting"] = "from the request, which is a good deal longer" },
        })).ReadJsonAsync())["prompt"]!;
        var refused = await (await PostAsync(server.Client, "/apply-template", new JsonObject
        {
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "system", ["content"] = "be brief" }, new JsonObject { ["role"] = "user", ["content"] = "hi" }),
        })).AssertErrorAsync(HttpStatusCode.BadRequest, "chat_template_error", "messages");

        Assert.Equal("<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\nflag-default", byFlag);
        Assert.EndsWith("assistant\nfrom the request, which is a good deal longer", byRequest);
        Assert.Contains("Conversations must start with a user message", (string?)refused["message"]);

        // The chat route renders the same way: the request's kwargs lengthen the prompt it answers.
        var shortChat = await (await server.Client.PostChatAsync(Chat(Text("hi")))).AssertAnswerAsync();
        var longChat = await (await server.Client.PostChatAsync(Chat(Text("hi")).With("chat_template_kwargs", new JsonObject { ["greeting"] = "from the request, which is a good deal longer" }))).AssertAnswerAsync();
        Assert.True((int)longChat["usage"]!["prompt_tokens"]! > (int)shortChat["usage"]!["prompt_tokens"]!);
        var systemFirst = Chat(Text("hi"));
        systemFirst["messages"]!.AsArray().Insert(0, new JsonObject { ["role"] = "system", ["content"] = "be brief" });
        var chatRefused = await (await server.Client.PostChatAsync(systemFirst)).AssertErrorAsync(HttpStatusCode.BadRequest, "chat_template_error");
        Assert.Contains("Conversations must start with a user message", (string?)chatRefused["message"]);
    }

    private Task<HttpResponseMessage> PostAsync(string route, JsonNode body) => PostAsync(fixture.Client, route, body);

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string route, JsonNode body)
    {
        var response = await client.PostAsync(route, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        if (response.StatusCode == HttpStatusCode.OK)
        {
            Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString());
        }

        return response;
    }
}
