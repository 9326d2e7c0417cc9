using System.Diagnostics;
using System.Text.Json;
using LocalMultimodal.Prompts;
using LocalMultimodal.Server.Errors;
using LocalMultimodal.Server.Protocol;

namespace LocalMultimodal.Server.Endpoints;

/// <summary>
/// <c>POST /v1/completions</c>: a raw text prompt, no chat template, with chat's sampling, streaming, usage and
/// error shapes (as vLLM and llama-server offer it).
/// </summary>
internal sealed class CompletionsHandler(AnswerRunner runner)
{
    public async Task HandleAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = runner.StartActivity("text_completion");
        var cancellationToken = context.RequestAborted;
        var request = await JsonSerializer.DeserializeAsync(context.Request.Body, ServerJsonContext.Default.CompletionRequest, cancellationToken)
            ?? throw ApiException.BadRequest("The request body must be a JSON object.");
        var engine = runner.Require(request);
        string prompt = ReadPrompt(request.Prompt);
        var sampling = SamplingMapper.Map(request);
        await runner.RunAsync(context, request, TextAnswerFormat.Instance, engine.GenerateAsync(new MultimodalPrompt(prompt), sampling, cancellationToken), started, activity);
    }

    private static string ReadPrompt(JsonElement? prompt)
    {
        if (prompt is not { } value || value.ValueKind == JsonValueKind.Null)
        {
            throw ApiException.BadRequest("prompt is required: the text to continue.", "prompt");
        }

        if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 1 && value[0].ValueKind == JsonValueKind.String)
        {
            value = value[0];
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            throw ApiException.BadRequest("prompt must be a string or an array of one string: several prompts and token arrays are not supported.", "prompt");
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw ApiException.BadRequest("prompt must be a string.", "prompt");
        }

        string text = value.GetString()!;
        if (text.Length == 0)
        {
            throw ApiException.BadRequest("prompt must not be empty.", "prompt");
        }

        if (text.Contains(MultimodalPrompt.MediaMarker, StringComparison.Ordinal))
        {
            throw ApiException.BadRequest($"prompt must not contain the media marker '{MultimodalPrompt.MediaMarker}': text completions take no media.", "prompt");
        }

        return text;
    }
}
