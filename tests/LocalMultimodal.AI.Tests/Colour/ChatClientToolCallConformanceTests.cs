using System.Text.Json;
using System.Text.Json.Nodes;
using LocalMultimodal.Testing.Conformance;
using Microsoft.Extensions.AI;

namespace LocalMultimodal.AI.Tests.Colour;

/// <summary>
/// The shared tool-calling suite through the <see cref="IChatClient"/>: tools as <see cref="AIFunctionDeclaration"/>s,
/// <see cref="ChatToolMode"/>, <see cref="FunctionCallContent"/> out with <see cref="ChatFinishReason.ToolCalls"/>, and
/// <see cref="FunctionResultContent"/> in a tool message.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class ChatClientToolCallConformanceTests(DemoModelFixture demo) : ToolCallConformanceTests, IDisposable
{
    private readonly IChatClient _client = demo.Engine.AsIChatClient();

    public void Dispose() => _client.Dispose();

    protected override async Task<SurfaceToolAnswer> AskAsync(
        string question, byte[] png, IReadOnlyList<JsonObject> tools, SurfaceToolChoice choice, SurfaceToolCall? previousCall = null, string? toolResult = null)
    {
        List<ChatMessage> messages = [new(ChatRole.User, [new TextContent(question), new DataContent(png, "image/png")])];
        if (previousCall is not null)
        {
            var arguments = previousCall.Arguments.ToDictionary(p => p.Key, p => (object?)p.Value?.GetValue<string>());
            messages.Add(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(previousCall.Id, previousCall.Name, arguments)]));
            messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(previousCall.Id, toolResult)]));
        }

        var options = new ChatOptions
        {
            Temperature = 0,
            MaxOutputTokens = 64,
            Tools = [.. tools.Select(Declaration)],
            ToolMode = choice.Mode switch
            {
                "auto" => ChatToolMode.Auto,
                "none" => ChatToolMode.None,
                "required" => ChatToolMode.RequireAny,
                _ => ChatToolMode.RequireSpecific(choice.Function!),
            },
        };
        ChatResponse response = await _client.GetResponseAsync(messages, options);
        var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>()
            .Select(c => new SurfaceToolCall(c.CallId, c.Name, JsonSerializer.SerializeToNode(c.Arguments)!.AsObject()))
            .ToList();
        return new SurfaceToolAnswer(response.Text, calls, response.FinishReason == ChatFinishReason.ToolCalls);
    }

    private static AITool Declaration(JsonObject tool)
    {
        JsonNode function = tool["function"]!;
        return AIFunctionFactory.CreateDeclaration(
            (string)function["name"]!, (string?)function["description"], JsonSerializer.SerializeToElement(function["parameters"]));
    }
}
