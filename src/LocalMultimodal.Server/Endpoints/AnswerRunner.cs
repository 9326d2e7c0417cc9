using System.Diagnostics;
using System.Text;
using LocalMultimodal.Generation;
using LocalMultimodal.Server.Errors;
using LocalMultimodal.Server.Hosting;
using LocalMultimodal.Server.Metrics;
using LocalMultimodal.Server.Protocol;

namespace LocalMultimodal.Server.Endpoints;

/// <summary>
/// What chat and text completions share: the model-name check, and running the engine's stream to a whole answer
/// or an event stream. The client's abort token reaches the engine, so a client that leaves frees its sequence at once.
/// </summary>
internal sealed class AnswerRunner(EngineHost host, ServerOptions options, ServerMetrics metrics)
{
    /// <summary>The engine, once the request's <c>model</c> is one this server serves.</summary>
    public MultimodalEngine Require(SamplingRequest request)
    {
        var engine = host.Require();
        if (!string.IsNullOrEmpty(request.Model) && !host.ModelIds.Contains(request.Model))
        {
            throw ApiException.NotFound($"The model '{request.Model}' does not exist; this server serves '{host.ModelId}'.", "model_not_found", "model");
        }

        return engine;
    }

    /// <summary>
    /// The request's span (GenAI's <c>{operation} {model}</c>); fetching and the engine's stages are its children.
    /// Started before the body is read, so a slow fetch shows in the trace.
    /// </summary>
    public Activity? StartActivity(string operation)
    {
        var activity = ServerMetrics.Source.StartActivity($"{operation} {host.ModelId}", ActivityKind.Internal);
        activity?.SetTag("gen_ai.operation.name", operation);
        activity?.SetTag("gen_ai.system", "localmultimodal");
        activity?.SetTag("gen_ai.request.model", host.ModelId);
        return activity;
    }

    public async Task RunAsync(HttpContext context, SamplingRequest request, IAnswerFormat format, IAsyncEnumerable<GenerationUpdate> stream, long started, Activity? activity)
    {
        var updates = stream.GetAsyncEnumerator(context.RequestAborted);
        await using (updates)
        {
            // The first update comes after the prompt is prepared and decoded: errors up to here still get a status code.
            if (!await updates.MoveNextAsync())
            {
                throw new InvalidOperationException("The engine ended a stream without any update.");
            }

            var timeToFirstToken = Stopwatch.GetElapsedTime(started);
            metrics.ObserveTimeToFirstToken(timeToFirstToken, host.ModelId);
            var answer = new AnswerInfo($"{format.IdPrefix}-{Guid.NewGuid():N}", DateTimeOffset.UtcNow.ToUnixTimeSeconds(), host.ModelId);
            activity?.SetTag("gen_ai.response.id", answer.Id);
            void Finished(TokenUsage usage)
            {
                metrics.CountUsage(usage, Stopwatch.GetElapsedTime(started), timeToFirstToken, host.ModelId);
                activity?.SetTag("gen_ai.usage.input_tokens", usage.PromptTokens);
                activity?.SetTag("gen_ai.usage.output_tokens", usage.CompletionTokens);
            }

            if (request.Stream == true)
            {
                await AnswerStreamWriter.WriteAsync(context, format, answer, updates, request.StreamOptions?.IncludeUsage == true, Finished, options.MaxRequestBytes);
            }
            else
            {
                await WriteWholeAsync(context, format, answer, updates, Finished);
            }
        }
    }

    private async Task WriteWholeAsync(HttpContext context, IAnswerFormat format, AnswerInfo answer, IAsyncEnumerator<GenerationUpdate> updates, Action<TokenUsage> finished)
    {
        var text = new StringBuilder();
        var calls = new List<Prompts.ChatToolCall>();
        var update = updates.Current;
        while (true)
        {
            text.Append(update.Text);
            calls.AddRange(update.ToolCalls ?? []);
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

        finished(usage);
        await format.WriteWholeAsync(context, answer, text.ToString(), calls, FinishReasons.ToOpenAI(reason), Usage.From(usage));
    }
}
