using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LocalMultimodal.Media;
using LocalMultimodal.Prompts;
using LocalMultimodal.Server.Errors;
using LocalMultimodal.Server.Hosting;
using LocalMultimodal.Server.Protocol;

namespace LocalMultimodal.Server.Endpoints;

/// <summary>
/// llama-server's and vLLM's prompt routes: <c>/apply-template</c> (the prompt a chat request tokenizes),
/// <c>/tokenize</c> and <c>/detokenize</c>.
/// </summary>
internal static class TemplateEndpoints
{
    // The template needs to know where media stand, not what they hold: nothing is fetched for /apply-template.
    private const string TemplateOnlyUuid = "apply-template";

    public static IEndpointRouteBuilder MapTemplateEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/apply-template", ApplyTemplateAsync);
        endpoints.MapPost("/tokenize", TokenizeAsync);
        endpoints.MapPost("/detokenize", DetokenizeAsync);
        return endpoints;
    }

    private static async Task<IResult> ApplyTemplateAsync(HttpContext context, EngineHost host, ServerOptions options)
    {
        var engine = host.Require();
        var request = await ReadAsync(context, ServerJsonContext.Default.ApplyTemplateRequest);
        host.CheckModel(request.Model);
        var drafts = MessageReader.Read(request.Messages, options.EnableMediaEmbeds, allowTools: true);
        var turns = drafts.Select(t => new ChatTurn(t.Role, [.. t.Parts.Select(p => p.Media is { } media ? ChatTurnItem.FromMedia(StandIn(media.Modality)) : ChatTurnItem.FromText(p.Text!))])
        {
            ToolCalls = t.ToolCalls,
            ToolCallId = t.ToolCallId,
            Name = t.Name,
        }).ToList();
        var template = new ChatTemplateOptions
        {
            Tools = ToolCallReader.ReadTools(request.Tools),
            TemplateKwargs = TemplateKwargs.Merge(options.DefaultChatTemplateKwargs, request.ChatTemplateKwargs),
        };
        return Json(new JsonObject { ["prompt"] = engine.ApplyChatTemplate(turns, template) });
    }

    private static async Task<IResult> TokenizeAsync(HttpContext context, EngineHost host)
    {
        var engine = host.Require();
        var request = await ReadAsync(context, ServerJsonContext.Default.TokenizeRequest);
        host.CheckModel(request.Model);
        if (request.Content is not null && request.Prompt is not null)
        {
            throw ApiException.BadRequest("Give the text as 'content' (llama-server) or 'prompt' (vLLM), not both.", "content");
        }

        // llama-server's content adds no BOS unless asked; vLLM's prompt adds it unless told not to.
        string text = request.Content ?? request.Prompt ?? throw ApiException.BadRequest("tokenize needs 'content' (or vLLM's 'prompt') text.", "content");
        bool addSpecial = request.AddSpecial ?? request.AddSpecialTokens ?? request.Prompt is not null;
        var tokens = engine.Tokenize(text, addSpecial, request.ParseSpecial ?? true);
        var list = new JsonArray();
        foreach (int token in tokens)
        {
            list.Add(request.WithPieces == true ? new JsonObject { ["id"] = token, ["piece"] = Piece(engine.TokenPiece(token)) } : JsonValue.Create(token));
        }

        return Json(new JsonObject { ["tokens"] = list, ["count"] = tokens.Count, ["max_model_len"] = engine.Capabilities.ContextSize });
    }

    private static async Task<IResult> DetokenizeAsync(HttpContext context, EngineHost host)
    {
        var engine = host.Require();
        var request = await ReadAsync(context, ServerJsonContext.Default.DetokenizeRequest);
        host.CheckModel(request.Model);
        var tokens = request.Tokens ?? throw ApiException.BadRequest("detokenize needs 'tokens', an array of token ids.", "tokens");
        var ids = new List<int>(tokens.Count);
        for (int i = 0; i < tokens.Count; i++)
        {
            ids.Add(tokens[i] is >= 0 and <= int.MaxValue
                ? (int)tokens[i]
                : throw ApiException.BadRequest($"tokens[{i}] ({tokens[i]}) is not a token id.", $"tokens[{i}]", "invalid_token"));
        }

        string text = engine.Detokenize(ids);
        return Json(new JsonObject { ["content"] = text, ["prompt"] = text });
    }

    private static async Task<T> ReadAsync<T>(HttpContext context, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class =>
        await JsonSerializer.DeserializeAsync(context.Request.Body, type, context.RequestAborted)
            ?? throw ApiException.BadRequest("The request body must be a JSON object.");

    private static MediaInput StandIn(MediaModality modality) => modality switch
    {
        MediaModality.Audio => AudioInput.Reference(TemplateOnlyUuid),
        MediaModality.Video => VideoInput.Reference(TemplateOnlyUuid),
        _ => ImageInput.Reference(TemplateOnlyUuid),
    };

    // As llama-server: a piece that is whole UTF-8 is a string, a piece of a character is its bytes.
    private static JsonNode Piece(byte[] bytes)
    {
        try
        {
            return JsonValue.Create(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes));
        }
        catch (DecoderFallbackException)
        {
            return new JsonArray([.. bytes.Select(b => (JsonNode)JsonValue.Create((int)b))]);
        }
    }

    private static IResult Json(JsonObject body) => Results.Content(body.ToJsonString(), "application/json; charset=utf-8");
}
