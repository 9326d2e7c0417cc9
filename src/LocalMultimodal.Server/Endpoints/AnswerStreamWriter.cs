using System.Net.ServerSentEvents;
using System.Text.Json;
using LocalMultimodal.Generation;
using LocalMultimodal.Server.Errors;
using LocalMultimodal.Server.Protocol;
using Microsoft.AspNetCore.Http.Features;

namespace LocalMultimodal.Server.Endpoints;

/// <summary>
/// Writes an answer as OpenAI's event stream: an opening event (chat's role chunk), one event per piece of text,
/// a last one with the finish reason, optionally a usage event, then <c>[DONE]</c>. An error after the stream has
/// started is sent as an event with an OpenAI error body, since the status code is already gone.
/// </summary>
internal static class AnswerStreamWriter
{
    private const string Done = "[DONE]";

    public static async Task WriteAsync(
        HttpContext context, IAnswerFormat format, AnswerInfo answer, IAsyncEnumerator<GenerationUpdate> updates, bool includeUsage, Action<TokenUsage> finished, long maxRequestBytes)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await SseFormatter.WriteAsync(EventsAsync(format, answer, updates, includeUsage, finished, maxRequestBytes), response.Body, context.RequestAborted);
    }

    private static async IAsyncEnumerable<SseItem<string>> EventsAsync(
        IAnswerFormat format, AnswerInfo answer, IAsyncEnumerator<GenerationUpdate> updates, bool includeUsage, Action<TokenUsage> finished, long maxRequestBytes)
    {
        if (format.Opening(answer) is { } opening)
        {
            yield return opening;
        }

        var update = updates.Current;
        ApiError? error = null;
        int calls = 0;
        while (true)
        {
            if (update.Text.Length > 0)
            {
                yield return format.Text(answer, update.Text);
            }

            // A call arrives whole once it closes: one chunk with its id, name and complete arguments.
            if (update.ToolCalls is { Count: > 0 } completed)
            {
                yield return format.ToolCalls(answer, completed, calls);
                calls += completed.Count;
            }

            if (update.FinishReason is not null)
            {
                break;
            }

            try
            {
                if (!await updates.MoveNextAsync())
                {
                    throw new InvalidOperationException("The engine ended a stream without a finish reason.");
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                error = ApiError.From(e, maxRequestBytes);
                break;
            }

            update = updates.Current;
        }

        string? finish = null;
        if (error is null)
        {
            try
            {
                finish = FinishReasons.ToOpenAI(update.FinishReason!.Value);
            }
            catch (ApiException e)
            {
                error = ApiError.From(e, maxRequestBytes);
            }
        }

        if (error is not null)
        {
            yield return new SseItem<string>(JsonSerializer.Serialize(error.Body, ServerJsonContext.Default.ErrorResponse));
            yield return new SseItem<string>(Done);
            yield break;
        }

        yield return format.Finish(answer, finish!);
        finished(update.Usage!);
        if (includeUsage)
        {
            yield return format.Usage(answer, Protocol.Usage.From(update.Usage!));
        }

        yield return new SseItem<string>(Done);
    }
}
