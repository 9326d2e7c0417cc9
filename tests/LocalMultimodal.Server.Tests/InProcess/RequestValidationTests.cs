using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using LocalMultimodal.Server.Tests.Infrastructure;
using static LocalMultimodal.Server.Tests.Infrastructure.Api;

namespace LocalMultimodal.Server.Tests.InProcess;

/// <summary>Request fields, roles and malformed bodies: each bad one is a 400 naming the field, before any native call.</summary>
[Collection(SharedServerCollection.Name)]
public sealed class RequestValidationTests(SharedServerFixture fixture)
{
    public static TheoryData<string, string, string> OutOfRange => new()
    {
        { "n", "2", "n" },
        { "n", "0", "n" },
        { "max_tokens", "0", "max_tokens" },
        { "max_tokens", "-5", "max_tokens" },
        { "max_tokens", "1000000000000", "max_tokens" },
        { "max_completion_tokens", "0", "max_completion_tokens" },
        { "temperature", "2.5", "temperature" },
        { "temperature", "-1", "temperature" },
        { "top_p", "0", "top_p" },
        { "top_p", "1.5", "top_p" },
        { "top_k", "-2", "top_k" },
        { "top_k", "99999999999", "top_k" },
        { "min_p", "1.5", "min_p" },
        { "frequency_penalty", "2.5", "frequency_penalty" },
        { "presence_penalty", "-3", "presence_penalty" },
        { "repetition_penalty", "0", "repetition_penalty" },
        { "top_logprobs", "50", "top_logprobs" },
        { "stop", """["a","b","c","d","e","f","g","h","i","j","k","l","m","n","o","p","q"]""", "stop" },
        { "stop", "\"\"", "stop" },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public async Task OutOfRangeValue_IsA400NamingTheField(string field, string json, string param)
    {
        var response = await fixture.Client.PostChatAsync(Chat(Text("hi")).With(field, JsonNode.Parse(json)));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, param: param);
    }

    [Fact]
    public async Task InRangeValues_AreAccepted()
    {
        var request = Chat(Text("hi"))
            .With("max_completion_tokens", 3).With("temperature", 0.7).With("top_p", 0.9).With("top_k", 40).With("min_p", 0.05)
            .With("seed", -7).With("frequency_penalty", 0.5).With("presence_penalty", -0.5).With("repetition_penalty", 1.1)
            .With("stop", "zzzz").With("n", 1).With("user", "someone").With("logprobs", false);

        var answer = await (await fixture.Client.PostChatAsync(request)).AssertAnswerAsync();

        Assert.Equal(3, (int)answer["usage"]!["completion_tokens"]!);
    }

    [Fact]
    public async Task SameSeed_GivesTheSameAnswer()
    {
        var request = Chat(Text("Say something.")).With("temperature", 1.0).With("seed", 1234).With("max_tokens", 12);

        var first = await (await fixture.Client.PostChatAsync(request)).AssertAnswerAsync();
        var second = await (await fixture.Client.PostChatAsync(request)).AssertAnswerAsync();

        Assert.Equal((string?)first["choices"]![0]!["message"]!["content"], (string?)second["choices"]![0]!["message"]!["content"]);
    }

    [Fact]
    public async Task Logprobs_AreNotSupportedYet()
    {
        var response = await fixture.Client.PostChatAsync(Chat(Text("hi")).With("logprobs", true));

        await response.AssertErrorAsync(HttpStatusCode.NotImplemented, "not_supported", "logprobs");
    }

    [Fact]
    public async Task StreamOptionsWithoutStream_IsRefused()
    {
        var response = await fixture.Client.PostChatAsync(Chat(Text("hi")).With("stream_options", new JsonObject { ["include_usage"] = true }));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, param: "stream_options");
    }

    [Fact]
    public async Task UnknownModel_IsA404()
    {
        var response = await fixture.Client.PostChatAsync(Chat(Text("hi")).With("model", "gpt-17"));

        var error = await response.AssertErrorAsync(HttpStatusCode.NotFound, "model_not_found", "model");
        Assert.Contains("gpt-17", (string?)error["message"]);
    }

    [Fact]
    public async Task NoModel_UsesTheServedOne()
    {
        var request = Chat(Text("hi"));
        request.Remove("model");

        var answer = await (await fixture.Client.PostChatAsync(request)).AssertAnswerAsync();

        Assert.Equal("tiny-llama", (string?)answer["model"]);
    }

    [Fact]
    public async Task EmptyMessages_AreRefused()
    {
        var response = await fixture.Client.PostChatAsync(Chat().With("messages", new JsonArray()));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, param: "messages");
    }

    [Fact]
    public async Task FunctionMessages_AreRefusedClearly()
    {
        var messages = new JsonArray(
            new JsonObject { ["role"] = "user", ["content"] = "What is the weather?" },
            new JsonObject { ["role"] = "function", ["content"] = "sunny", ["name"] = "weather" });

        var error = await (await fixture.Client.PostChatAsync(Chat().With("messages", messages))).AssertErrorAsync(HttpStatusCode.BadRequest, param: "messages[1].role");
        Assert.Contains("tool_call_id", (string?)error["message"]);
    }

    [Fact]
    public async Task UnknownRole_IsRefused()
    {
        var messages = new JsonArray(new JsonObject { ["role"] = "narrator", ["content"] = "Once upon a time" });

        await (await fixture.Client.PostChatAsync(Chat().With("messages", messages))).AssertErrorAsync(HttpStatusCode.BadRequest, param: "messages[0].role");
    }

    [Fact]
    public async Task SystemUserAndAssistantTurns_AreAnswered()
    {
        var messages = new JsonArray(
            new JsonObject { ["role"] = "system", ["content"] = "You describe images." },
            new JsonObject { ["role"] = "user", ["content"] = new JsonArray(ImageUrl(DataUrls.Png(ColourImages.SolidPng(32, 32, 255, 0, 0))), Text("What is it?")) },
            new JsonObject { ["role"] = "assistant", ["content"] = "A red square." },
            new JsonObject { ["role"] = "user", ["content"] = "Are you sure?" });

        var answer = await (await fixture.Client.PostChatAsync(Chat().With("messages", messages))).AssertAnswerAsync();

        Assert.Equal(16, (int)answer["usage"]!["prompt_tokens_details"]!["image_tokens"]!);
    }

    [Fact]
    public async Task AssistantMessageWithMedia_IsRefused()
    {
        var messages = new JsonArray(new JsonObject { ["role"] = "assistant", ["content"] = new JsonArray(ImageUrl(DataUrls.Png(ColourImages.SolidPng(32, 32, 255, 0, 0)))) });

        await (await fixture.Client.PostChatAsync(Chat().With("messages", messages))).AssertErrorAsync(HttpStatusCode.BadRequest, param: "messages[0].content[0]");
    }

    [Fact]
    public async Task NullMessage_IsA400NamingIt()
    {
        var messages = new JsonArray(null, new JsonObject { ["role"] = "user", ["content"] = "hi" });

        var error = await (await fixture.Client.PostChatAsync(Chat().With("messages", messages))).AssertErrorAsync(HttpStatusCode.BadRequest, param: "messages[0]");
        Assert.Contains("messages[0] is null", (string?)error["message"]);
    }

    [Fact]
    public async Task NullContentPart_IsA400NamingIt()
    {
        var messages = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = new JsonArray(null, Text("hi")) });

        var error = await (await fixture.Client.PostChatAsync(Chat().With("messages", messages))).AssertErrorAsync(HttpStatusCode.BadRequest, param: "messages[0].content[0]");
        Assert.Contains("messages[0].content[0] is null", (string?)error["message"]);
    }

    [Fact]
    public async Task InvalidUtf8InAPropertyName_IsA400()
    {
        // Found by the request-json parser fuzz target: System.Text.Json checks UTF-8 only when a JsonElement's
        // name is read, and threw InvalidOperationException (a 500) from there.
        byte[] body = [.. "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"media_io_kwargs\":{\""u8, 0xE3, 0x49, .. "\":{}}}"u8];
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await fixture.Client.PostAsync("/v1/chat/completions", content);

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_json");
    }

    [Theory]
    [InlineData("{\"messages\": [")]
    [InlineData("not json")]
    [InlineData("")]
    public async Task MalformedJson_IsA400(string body)
    {
        var response = await fixture.Client.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_json");
    }

    [Fact]
    public async Task FieldOfTheWrongType_IsA400NamingThePath()
    {
        var response = await fixture.Client.PostChatAsync(Chat(Text("hi")).With("max_tokens", "many"));

        var error = await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_json", "$.max_tokens");
        Assert.DoesNotContain("System.", (string?)error["message"]);
    }

    [Fact]
    public async Task ContentOfTheWrongShape_IsA400()
    {
        var messages = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = 42 });

        await (await fixture.Client.PostChatAsync(Chat().With("messages", messages))).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_json");
    }

    [Fact]
    public async Task ContentAsPlainString_IsAnswered()
    {
        var messages = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Hello there" });

        await (await fixture.Client.PostChatAsync(Chat().With("messages", messages))).AssertAnswerAsync();
    }

    [Fact]
    public async Task FormEncodedBody_IsA400()
    {
        var content = new StringContent("model=x", Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");

        await (await fixture.Client.PostAsync("/v1/chat/completions", content)).AssertErrorAsync(HttpStatusCode.BadRequest);
    }
}
