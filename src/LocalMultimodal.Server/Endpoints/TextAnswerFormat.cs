using System.Net.ServerSentEvents;
using System.Text.Json;
using LocalMultimodal.Server.Protocol;

namespace LocalMultimodal.Server.Endpoints;

/// <summary><c>text_completion</c> answers and events, as OpenAI's legacy completions API (and vLLM's) send them.</summary>
internal sealed class TextAnswerFormat : IAnswerFormat
{
    public static TextAnswerFormat Instance { get; } = new();

    public string IdPrefix => "cmpl";

    public SseItem<string>? Opening(AnswerInfo answer) => null;

    public SseItem<string> Text(AnswerInfo answer, string text) => Serialize(Answer(answer, text, null, null));

    // Text completions take no tools, so the engine never gives them calls.
    public SseItem<string> ToolCalls(AnswerInfo answer, IReadOnlyList<Prompts.ChatToolCall> calls, int firstIndex) =>
        throw new InvalidOperationException("A text completion has no tool calls.");

    public SseItem<string> Finish(AnswerInfo answer, string finishReason) => Serialize(Answer(answer, string.Empty, finishReason, null));

    public SseItem<string> Usage(AnswerInfo answer, Usage usage) => Serialize(new CompletionResponse
    {
        Id = answer.Id, Created = answer.Created, Model = answer.Model, Choices = [], Usage = usage,
    });

    public Task WriteWholeAsync(HttpContext context, AnswerInfo answer, string text, IReadOnlyList<Prompts.ChatToolCall> toolCalls, string finishReason, Usage usage) =>
        context.Response.WriteAsJsonAsync(Answer(answer, text, finishReason, usage), ServerJsonContext.Default.CompletionResponse, cancellationToken: context.RequestAborted);

    private static CompletionResponse Answer(AnswerInfo answer, string text, string? finishReason, Usage? usage) => new()
    {
        Id = answer.Id,
        Created = answer.Created,
        Model = answer.Model,
        Choices = [new CompletionChoice { Text = text, FinishReason = finishReason }],
        Usage = usage,
    };

    private static SseItem<string> Serialize(CompletionResponse chunk) =>
        new(JsonSerializer.Serialize(chunk, ServerJsonContext.Default.CompletionResponse));
}
