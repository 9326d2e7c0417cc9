using System.Net.ServerSentEvents;
using LocalMultimodal.Server.Protocol;

namespace LocalMultimodal.Server.Endpoints;

/// <summary>How one API shapes an answer: chat completions and text completions differ only here.</summary>
internal interface IAnswerFormat
{
    /// <summary>The start of every answer id, such as <c>chatcmpl</c>.</summary>
    string IdPrefix { get; }

    /// <summary>The event sent before any text (chat's role chunk), or null.</summary>
    SseItem<string>? Opening(AnswerInfo answer);

    SseItem<string> Text(AnswerInfo answer, string text);

    /// <summary>The event for tool calls that completed; <paramref name="firstIndex"/> is the first one's index in the answer.</summary>
    SseItem<string> ToolCalls(AnswerInfo answer, IReadOnlyList<Prompts.ChatToolCall> calls, int firstIndex);

    SseItem<string> Finish(AnswerInfo answer, string finishReason);

    SseItem<string> Usage(AnswerInfo answer, Usage usage);

    Task WriteWholeAsync(HttpContext context, AnswerInfo answer, string text, IReadOnlyList<Prompts.ChatToolCall> toolCalls, string finishReason, Usage usage);
}
