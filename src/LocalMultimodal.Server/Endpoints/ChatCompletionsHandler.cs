using System.Diagnostics;
using System.Text.Json;
using LocalMultimodal.Server.Errors;
using LocalMultimodal.Server.Hosting;
using LocalMultimodal.Server.Protocol;

namespace LocalMultimodal.Server.Endpoints;

/// <summary>
/// <c>POST /v1/chat/completions</c>: reads and checks the request, fetches its media, and runs it on the engine,
/// answering as JSON or as a server-sent event stream.
/// </summary>
internal sealed class ChatCompletionsHandler(ServerOptions options, MediaResolver resolver, AnswerRunner runner)
{
    public async Task HandleAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = runner.StartActivity("chat");
        var cancellationToken = context.RequestAborted;
        var request = await JsonSerializer.DeserializeAsync(context.Request.Body, ServerJsonContext.Default.ChatCompletionRequest, cancellationToken)
            ?? throw ApiException.BadRequest("The request body must be a JSON object.");
        var engine = runner.Require(request);

        if (request.UnknownFields is { Count: > 0 } unknown)
        {
            string field = unknown.Keys.Order(StringComparer.Ordinal).First();
            throw ApiException.BadRequest($"{field} is not supported by this server; leave it out of the request.", field, "unsupported_field");
        }

        var template = new Prompts.ChatTemplateOptions
        {
            TemplateKwargs = TemplateKwargs.Merge(options.DefaultChatTemplateKwargs, request.ChatTemplateKwargs),
            Tools = ToolCallReader.ReadTools(request.Tools),
            ToolChoice = ToolChoiceReader.Read(request.ToolChoice),
            ParallelToolCalls = request.ParallelToolCalls ?? true,
        };
        var sampling = SamplingMapper.Map(request);
        var video = RequestMediaIo.ReadVideo(request.MediaIoKwargs, engine.Options.Media.Video.NumFrames);
        var pixelBudget = RequestProcessorKwargs.ReadPixelBudget(request.MmProcessorKwargs);
        var drafts = MessageReader.Read(request.Messages, options.EnableMediaEmbeds, allowTools: true);
        var conversation = await resolver.ResolveAsync(drafts, engine.Capabilities, new RequestMediaOptions(video.NumFrames, pixelBudget.MinPixels, pixelBudget.MaxPixels, video.Fps), cancellationToken);
        await runner.RunAsync(context, request, ChatAnswerFormat.Instance, engine.ChatAsync(conversation, sampling, template, cancellationToken), started, activity);
    }
}
