using System.ClientModel;
using System.Text.Json.Nodes;
using LocalMultimodal.Server.Tests.Infrastructure;
using OpenAI;
using OpenAI.Chat;

namespace LocalMultimodal.Server.Tests.Clients;

/// <summary>The official OpenAI .NET package against a real server process.</summary>
[Collection(ServerProcessCollection.Name)]
public sealed class OpenAIDotnetClientTests(ServerProcessFixture fixture)
{
    private static readonly ChatCompletionOptions Short = new() { MaxOutputTokenCount = 8, Temperature = 0 };

    private ChatClient Client => new(
        ServerProcessFixture.ModelName,
        new ApiKeyCredential("unused"),
        new OpenAIClientOptions { Endpoint = new Uri($"{fixture.BaseUrl}/v1"), RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(0) });

    [Fact]
    public async Task ImageByDataUrl()
    {
        var result = await Client.CompleteChatAsync(
            [new UserChatMessage(ChatMessageContentPart.CreateTextPart("What colour?"), ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(ColourImages.SolidPng(32, 32, 255, 0, 0)), "image/png"))],
            Short);

        Assert.Equal(ChatMessageRole.Assistant, result.Value.Role);
        Assert.Equal(ChatFinishReason.Length, result.Value.FinishReason);
        Assert.Equal(8, result.Value.Usage.OutputTokenCount);
        Assert.Equal(16, ImageTokens(result));
        Assert.Equal(ServerProcessFixture.ModelName, result.Value.Model);
    }

    [Fact]
    public async Task JsonSchemaResponse_ParsesAndValidates()
    {
        const string schema = """{"type":"object","properties":{"colour":{"enum":["red","blue"]},"solid":{"type":"boolean"}},"required":["colour","solid"],"additionalProperties":false}""";
        var options = new ChatCompletionOptions
        {
            MaxOutputTokenCount = 40,
            Temperature = 0,
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("report", BinaryData.FromString(schema), jsonSchemaIsStrict: true),
        };

        var result = await Client.CompleteChatAsync(
            [new UserChatMessage(ChatMessageContentPart.CreateTextPart("Report the colour."), ChatMessageContentPart.CreateImagePart(new Uri($"{fixture.MediaUrl}/red.png")))],
            options);

        Assert.Equal(ChatFinishReason.Stop, result.Value.FinishReason);
        using var report = System.Text.Json.JsonDocument.Parse(result.Value.Content[0].Text);
        Assert.True(Json.Schema.JsonSchema.FromText(schema).Evaluate(report.RootElement).IsValid, result.Value.Content[0].Text);
    }

    [Fact]
    public async Task ImageByHttpUrl()
    {
        var result = await Client.CompleteChatAsync(
            [new UserChatMessage(ChatMessageContentPart.CreateImagePart(new Uri($"{fixture.MediaUrl}/blue.png")), ChatMessageContentPart.CreateTextPart("And this?"))],
            Short);

        Assert.Equal(16, ImageTokens(result));
    }

    [Fact]
#pragma warning disable OPENAI001 // Input audio is marked experimental in the OpenAI package; it is the part vLLM documents.
    public async Task AudioByInputAudio()
    {
        var result = await Client.CompleteChatAsync(
            [new UserChatMessage(ChatMessageContentPart.CreateInputAudioPart(BinaryData.FromBytes(Wavs.Tone(440, Tones.SpeechSampleRate, channels: 1)), ChatInputAudioFormat.Wav))],
            Short);

        Assert.True(result.Value.Usage.InputTokenDetails.AudioTokenCount > 0);
    }
#pragma warning restore OPENAI001

    [Fact]
    public async Task MultiImagePrompt()
    {
        var result = await Client.CompleteChatAsync(
            [new UserChatMessage(
                ChatMessageContentPart.CreateImagePart(new Uri($"{fixture.MediaUrl}/red.png")),
                ChatMessageContentPart.CreateTextPart("versus"),
                ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(ColourImages.SolidPng(32, 32, 0, 0, 255)), "image/png"))],
            Short);

        Assert.Equal(32, ImageTokens(result));
    }

    [Fact]
    public async Task StreamedRequestWithUsage()
    {
        var text = new System.Text.StringBuilder();
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        await foreach (var update in Client.CompleteChatStreamingAsync(
            [new UserChatMessage(ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(ColourImages.SolidPng(32, 32, 255, 0, 0)), "image/png"), ChatMessageContentPart.CreateTextPart("Stream."))],
            new ChatCompletionOptions { MaxOutputTokenCount = 6, Temperature = 0 }))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            usage ??= update.Usage;
            finish ??= update.FinishReason;
        }

        Assert.NotEqual(0, text.Length);
        Assert.Equal(ChatFinishReason.Length, finish);
        Assert.NotNull(usage);
        Assert.Equal(6, usage.OutputTokenCount);
        Assert.Equal(usage.InputTokenCount + 6, usage.TotalTokenCount);
    }

    [Fact]
    public async Task OverTheImageLimit_FailsWithTheOpenAIErrorShape()
    {
        var images = Enumerable.Range(0, 3).Select(_ => ChatMessageContentPart.CreateImagePart(new Uri($"{fixture.MediaUrl}/red.png")));

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Client.CompleteChatAsync([new UserChatMessage(images)], Short));

        Assert.Equal(400, error.Status);
        Assert.Contains("at most 2", error.Message);
        var body = Api.AssertErrorBody(error.GetRawResponse()!.Content.ToString(), "too_many_media", "image");
        Assert.Equal("invalid_request_error", (string?)body["type"]);
    }

    private static int ImageTokens(ClientResult<ChatCompletion> result) =>
        (int)JsonNode.Parse(result.GetRawResponse().Content.ToString())!["usage"]!["prompt_tokens_details"]!["image_tokens"]!;
}
