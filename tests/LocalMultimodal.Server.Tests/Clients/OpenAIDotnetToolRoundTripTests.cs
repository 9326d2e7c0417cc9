using System.ClientModel;
using System.Text.Json.Nodes;
using LocalMultimodal.Server.Tests.Infrastructure;
using LocalMultimodal.Testing.Conformance;
using OpenAI;
using OpenAI.Chat;

namespace LocalMultimodal.Server.Tests.Clients;

/// <summary>
/// A whole tool round trip with the official OpenAI .NET package against a server process on the demo model: the
/// model calls <c>find_paint</c> with the colour it sees, the client sends the tool's result, and the model answers.
/// </summary>
[Collection(DemoProcessCollection.Name)]
public sealed class OpenAIDotnetToolRoundTripTests(DemoProcessFixture fixture)
{
    private static readonly ChatTool FindPaint = ChatTool.CreateFunctionTool(
        SurfaceTools.FindPaint,
        "Finds the paint in the catalogue that matches a colour.",
        BinaryData.FromString(SurfaceTools.FindPaintTool()["function"]!["parameters"]!.ToJsonString()));

    private ChatClient Client => new(
        "localmm-colour-demo",
        new ApiKeyCredential("unused"),
        new OpenAIClientOptions { Endpoint = new Uri($"{fixture.BaseUrl}/v1"), RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(0) });

    [Fact]
    public async Task RoundTrip_CallThenResultThenText()
    {
        var options = new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 64, Tools = { FindPaint } };
        List<ChatMessage> messages = [Question(255, 0, 0)];

        ChatCompletion call = (await Client.CompleteChatAsync(messages, options)).Value;

        Assert.Equal(ChatFinishReason.ToolCalls, call.FinishReason);
        ChatToolCall toolCall = Assert.Single(call.ToolCalls);
        Assert.Equal(SurfaceTools.FindPaint, toolCall.FunctionName);
        Assert.Equal("red", (string?)JsonNode.Parse(toolCall.FunctionArguments.ToString())!["colour"]);

        messages.Add(new AssistantChatMessage(call));
        messages.Add(new ToolChatMessage(toolCall.Id, SurfaceTools.PaintFor("red")));
        ChatCompletion answer = (await Client.CompleteChatAsync(messages, options)).Value;

        Assert.Equal(ChatFinishReason.Stop, answer.FinishReason);
        Assert.Empty(answer.ToolCalls);
        Assert.Equal("red", answer.Content[0].Text);
    }

    [Fact]
    public async Task StreamedRoundTrip_CallArrivesWholeInOneUpdate()
    {
        var options = new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 64, Tools = { FindPaint }, ToolChoice = ChatToolChoice.CreateRequiredChoice() };
        List<ChatMessage> messages = [Question(0, 0, 255)];
        var updates = new List<StreamingChatToolCallUpdate>();
        ChatFinishReason? finish = null;
        await foreach (StreamingChatCompletionUpdate update in Client.CompleteChatStreamingAsync(messages, options))
        {
            updates.AddRange(update.ToolCallUpdates);
            finish ??= update.FinishReason;
        }

        Assert.Equal(ChatFinishReason.ToolCalls, finish);
        StreamingChatToolCallUpdate streamed = Assert.Single(updates);
        Assert.Equal(0, streamed.Index);
        Assert.Equal(SurfaceTools.FindPaint, streamed.FunctionName);
        Assert.Equal("blue", (string?)JsonNode.Parse(streamed.FunctionArgumentsUpdate.ToString())!["colour"]);

        messages.Add(new AssistantChatMessage([ChatToolCall.CreateFunctionToolCall(streamed.ToolCallId, streamed.FunctionName, streamed.FunctionArgumentsUpdate)]));
        messages.Add(new ToolChatMessage(streamed.ToolCallId, SurfaceTools.PaintFor("blue")));
        options.ToolChoice = ChatToolChoice.CreateAutoChoice();
        var text = new System.Text.StringBuilder();
        await foreach (StreamingChatCompletionUpdate update in Client.CompleteChatStreamingAsync(messages, options))
        {
            text.Append(string.Concat(update.ContentUpdate.Select(part => part.Text)));
            Assert.Empty(update.ToolCallUpdates);
        }

        Assert.Equal("blue", text.ToString());
    }

    private static UserChatMessage Question(byte r, byte g, byte b) => new(
        ChatMessageContentPart.CreateTextPart("Which paint matches this colour?"),
        ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(ColourImages.SolidPng(64, 64, r, g, b)), "image/png"));
}
