using System.Net.ServerSentEvents;
using System.Text.Json;
using LocalMultimodal.Server.Protocol;

namespace LocalMultimodal.Server.Endpoints;

/// <summary><c>chat.completion</c> answers and <c>chat.completion.chunk</c> events.</summary>
internal sealed class ChatAnswerFormat : IAnswerFormat
{
    public static ChatAnswerFormat Instance { get; } = new();

    public string IdPrefix => "chatcmpl";

    public SseItem<string>? Opening(AnswerInfo answer) => Chunk(answer, new ResponseMessage { Role = "assistant", Content = string.Empty }, null);

    public SseItem<string> Text(AnswerInfo answer, string text) => Chunk(answer, new ResponseMessage { Content = text }, null);

    public SseItem<string> ToolCalls(AnswerInfo answer, IReadOnlyList<Prompts.ChatToolCall> calls, int firstIndex) =>
        Chunk(answer, new ResponseMessage { ToolCalls = [.. calls.Select((call, i) => ResponseToolCall.From(call, firstIndex + i))] }, null);

    public SseItem<string> Finish(AnswerInfo answer, string finishReason) => Chunk(answer, new ResponseMessage(), finishReason);

    public SseItem<string> Usage(AnswerInfo answer, Usage usage) => Serialize(new ChatCompletionChunk
    {
        Id = answer.Id, Created = answer.Created, Model = answer.Model, Choices = [], Usage = usage,
    });

    public Task WriteWholeAsync(HttpContext context, AnswerInfo answer, string text, IReadOnlyList<Prompts.ChatToolCall> toolCalls, string finishReason, Usage usage) =>
        context.Response.WriteAsJsonAsync(
            new ChatCompletionResponse
            {
                Id = answer.Id,
                Created = answer.Created,
                Model = answer.Model,
                Choices = [new ChatChoice { Message = toolCalls.Count == 0
                    ? new ResponseMessage { Role = "assistant", Content = text }
                    : new ResponseMessage { Role = "assistant", Content = text.Length > 0 ? text : null, ToolCalls = [.. toolCalls.Select(call => ResponseToolCall.From(call, index: null))] }, FinishReason = finishReason }],
                Usage = usage,
            },
            ServerJsonContext.Default.ChatCompletionResponse,
            cancellationToken: context.RequestAborted);

    private static SseItem<string> Chunk(AnswerInfo answer, ResponseMessage delta, string? finishReason) => Serialize(new ChatCompletionChunk
    {
        Id = answer.Id,
        Created = answer.Created,
        Model = answer.Model,
        Choices = [new ChunkChoice { Delta = delta, FinishReason = finishReason }],
    });

    private static SseItem<string> Serialize(ChatCompletionChunk chunk) =>
        new(JsonSerializer.Serialize(chunk, ServerJsonContext.Default.ChatCompletionChunk));
}
