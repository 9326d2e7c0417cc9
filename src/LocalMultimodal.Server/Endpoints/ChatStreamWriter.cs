using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using LocalMultimodal.Generation;
using LocalMultimodal.Server.Errors;
using LocalMultimodal.Server.Metrics;
using LocalMultimodal.Server.Protocol;
using Microsoft.AspNetCore.Http.Features;

namespace LocalMultimodal.Server.Endpoints;

/// <summary>
/// Writes an answer as OpenAI's event stream: a first chunk with the role, one chunk per piece of text, a last
/// chunk with the finish reason, optionally a usage chunk, then <c>[DONE]</c>. An error after the stream has
/// started is sent as an event with an OpenAI error body, since the status code is already gone.
/// </summary>
internal static class ChatStreamWriter
{
    private const string Done = "[DONE]";

    public static async Task WriteAsync(
        HttpContext context, AnswerInfo answer, IAsyncEnumerator<GenerationUpdate> updates, bool includeUsage, ServerMetrics metrics, long maxRequestBytes)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await SseFormatter.WriteAsync(EventsAsync(answer, updates, includeUsage, metrics, maxRequestBytes), response.Body, context.RequestAborted);
    }

    private static async IAsyncEnumerable<SseItem<string>> EventsAsync(
        AnswerInfo answer, IAsyncEnumerator<GenerationUpdate> updates, bool includeUsage, ServerMetrics metrics, long maxRequestBytes)
    {
        yield return Chunk(answer, new ResponseMessage { Role = "assistant", Content = string.Empty }, null);
        var update = updates.Current;
        ApiError? error = null;
        while (true)
        {
            if (update.Text.Length > 0)
            {
                yield return Chunk(answer, new ResponseMessage { Content = update.Text }, null);
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

        yield return Chunk(answer, new ResponseMessage(), finish);
        metrics.CountUsage(update.Usage!);
        if (includeUsage)
        {
            yield return Serialize(new ChatCompletionChunk
            {
                Id = answer.Id, Created = answer.Created, Model = answer.Model, Choices = [], Usage = Usage.From(update.Usage!),
            });
        }

        yield return new SseItem<string>(Done);
    }

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
