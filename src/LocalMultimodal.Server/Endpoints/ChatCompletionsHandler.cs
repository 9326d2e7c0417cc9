using System.Diagnostics;
using System.Text;
using System.Text.Json;
using LocalMultimodal.Generation;
using LocalMultimodal.Server.Errors;
using LocalMultimodal.Server.Hosting;
using LocalMultimodal.Server.Metrics;
using LocalMultimodal.Server.Protocol;

namespace LocalMultimodal.Server.Endpoints;

/// <summary>
/// <c>POST /v1/chat/completions</c>: reads and checks the request, fetches its media, and runs it on the engine,
/// answering as JSON or as a server-sent event stream. The client's abort token reaches the engine, so a client
/// that leaves frees its sequence at once.
/// </summary>
internal sealed class ChatCompletionsHandler(EngineHost host, ServerOptions options, MediaResolver resolver, ServerMetrics metrics)
{
    public async Task HandleAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var cancellationToken = context.RequestAborted;
        var engine = host.Require();
        var request = await JsonSerializer.DeserializeAsync(context.Request.Body, ServerJsonContext.Default.ChatCompletionRequest, cancellationToken)
            ?? throw ApiException.BadRequest("The request body must be a JSON object.");
        host.CheckModel(request.Model);

        if (request.Tools is { ValueKind: JsonValueKind.Array } tools && tools.GetArrayLength() > 0)
        {
            throw ApiException.BadRequest("tools are not supported yet: this server does not call tools.", "tools", "tools_not_supported");
        }

        var template = new Prompts.ChatTemplateOptions { TemplateKwargs = TemplateKwargs.Merge(options.DefaultChatTemplateKwargs, request.ChatTemplateKwargs) };
        var sampling = SamplingMapper.Map(request);
        int? videoNumFrames = RequestMediaIo.ReadVideoNumFrames(request.MediaIoKwargs, engine.Options.Media.Video.NumFrames);
        var drafts = MessageReader.Read(request.Messages, options.EnableMediaEmbeds);
        var conversation = await resolver.ResolveAsync(drafts, engine.Capabilities, videoNumFrames, cancellationToken);

        var updates = engine.ChatAsync(conversation, sampling, template, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (updates)
        {
            // The first update comes after the prompt is prepared and decoded: errors up to here still get a status code.
            if (!await updates.MoveNextAsync())
            {
                throw new InvalidOperationException("The engine ended a stream without any update.");
            }

            metrics.ObserveTimeToFirstToken(Stopwatch.GetElapsedTime(started));
            var answer = new AnswerInfo($"chatcmpl-{Guid.NewGuid():N}", DateTimeOffset.UtcNow.ToUnixTimeSeconds(), host.ModelId);
            if (request.Stream == true)
            {
                await ChatStreamWriter.WriteAsync(context, answer, updates, request.StreamOptions?.IncludeUsage == true, metrics, options.MaxRequestBytes);
            }
            else
            {
                await WriteWholeAsync(context, answer, updates);
            }
        }
    }

    private async Task WriteWholeAsync(HttpContext context, AnswerInfo answer, IAsyncEnumerator<GenerationUpdate> updates)
    {
        var text = new StringBuilder();
        var update = updates.Current;
        while (true)
        {
            text.Append(update.Text);
            if (update.FinishReason is not null || !await updates.MoveNextAsync())
            {
                break;
            }

            update = updates.Current;
        }

        if (update.FinishReason is not { } reason || update.Usage is not { } usage)
        {
            throw new InvalidOperationException("The engine ended a stream without a finish reason.");
        }

        metrics.CountUsage(usage);
        var response = new ChatCompletionResponse
        {
            Id = answer.Id,
            Created = answer.Created,
            Model = answer.Model,
            Choices = [new ChatChoice { Message = new ResponseMessage { Role = "assistant", Content = text.ToString() }, FinishReason = FinishReasons.ToOpenAI(reason) }],
            Usage = Usage.From(usage),
        };
        await context.Response.WriteAsJsonAsync(response, ServerJsonContext.Default.ChatCompletionResponse, cancellationToken: context.RequestAborted);
    }
}
