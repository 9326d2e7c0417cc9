using System.Text.Json;
using LocalMultimodal.Media;
using LocalMultimodal.Server.Errors;
using LocalMultimodal.Server.Protocol;

namespace LocalMultimodal.Server.Endpoints;

/// <summary>
/// Reads the request's messages into drafts, rejecting what the server cannot take before anything is fetched:
/// unknown roles and part types, tool messages, embeddings while they are off, bad base64, bad uuids.
/// </summary>
internal static class MessageReader
{
    private const string InvalidEmbeddings = "invalid_embeddings";

    /// <param name="messages">The request's messages.</param>
    /// <param name="embedsEnabled">Whether embeddings parts are accepted.</param>
    /// <param name="allowTools">Read <c>tool</c> messages and <c>tool_calls</c> (for rendering the template) instead of refusing them.</param>
    public static List<TurnDraft> Read(IReadOnlyList<ChatMessage>? messages, bool embedsEnabled, bool allowTools = false)
    {
        if (messages is null || messages.Count == 0)
        {
            throw ApiException.BadRequest("messages must hold at least one message.", "messages");
        }

        var turns = new List<TurnDraft>(messages.Count);
        for (int i = 0; i < messages.Count; i++)
        {
            turns.Add(ReadMessage(messages[i], $"messages[{i}]", embedsEnabled, allowTools));
        }

        return turns;
    }

    private static TurnDraft ReadMessage(ChatMessage? message, string param, bool embedsEnabled, bool allowTools)
    {
        if (message is null)
        {
            throw ApiException.BadRequest($"{param} is null; a message is an object with a role and content.", param);
        }

        var draft = ReadRoleAndContent(message, param, embedsEnabled, allowTools);
        if (draft.Role == "tool" && string.IsNullOrEmpty(message.ToolCallId))
        {
            throw ApiException.BadRequest($"{param} is a tool result without tool_call_id; it must name the call it answers.", $"{param}.tool_call_id");
        }

        return allowTools
            ? draft with { ToolCalls = ToolCallReader.Read(message.ToolCalls, $"{param}.tool_calls"), ToolCallId = message.ToolCallId, Name = message.Name }
            : draft;
    }

    private static TurnDraft ReadRoleAndContent(ChatMessage message, string param, bool embedsEnabled, bool allowTools)
    {
        string role = message.Role switch
        {
            "system" or "developer" => "system",
            "user" => "user",
            "assistant" => "assistant",
            "tool" when allowTools => "tool",
            "tool" => throw ApiException.BadRequest($"{param}: 'tool' messages are not read here.", $"{param}.role"),
            "function" => throw ApiException.BadRequest(
                $"{param}: 'function' messages (OpenAI's deprecated function calling) are not supported; send tools and 'tool' messages with a tool_call_id.", $"{param}.role"),
            null => throw ApiException.BadRequest($"{param} has no role.", $"{param}.role"),
            _ => throw ApiException.BadRequest($"{param}: unknown role '{message.Role}'; use system, user or assistant.", $"{param}.role"),
        };
        if (!allowTools && message.ToolCalls is { ValueKind: not JsonValueKind.Null })
        {
            throw ApiException.BadRequest($"{param}: tool_calls are not supported yet: this server does not call tools.", $"{param}.tool_calls", "tools_not_supported");
        }

        if (message.Content is null)
        {
            return role == "assistant"
                ? new TurnDraft(role, [new PartDraft(string.Empty, null)])
                : throw ApiException.BadRequest($"{param} has no content.", $"{param}.content");
        }

        if (message.Content.Text is { } text)
        {
            return new TurnDraft(role, [new PartDraft(text, null)]);
        }

        var parts = new List<PartDraft>();
        var contentParts = message.Content.Parts ?? [];
        for (int j = 0; j < contentParts.Count; j++)
        {
            var part = ReadPart(contentParts[j], $"{param}.content[{j}]", embedsEnabled);
            if (role != "user" && part.Media is not null)
            {
                throw ApiException.BadRequest($"{param}: {role} messages may hold text only.", $"{param}.content[{j}]");
            }

            parts.Add(part);
        }

        return new TurnDraft(role, parts);
    }

    private static PartDraft ReadPart(ContentPart? part, string param, bool embedsEnabled)
    {
        if (part is null)
        {
            throw ApiException.BadRequest($"{param} is null; a content part is an object with a type.", param);
        }

        string? uuid = CheckUuid(part.Uuid, param);
        switch (part.Type)
        {
            case "text":
                return new PartDraft(part.Text ?? throw ApiException.BadRequest($"{param}: a text part needs 'text'.", $"{param}.text"), null);
            case "image_url":
                return Media(MediaModality.Image, part.ImageUrl?.Url, uuid, param, "image_url");
            case "audio_url":
                return Media(MediaModality.Audio, part.AudioUrl?.Url, uuid, param, "audio_url");
            case "input_audio":
                return InputAudio(part.InputAudio, uuid, param);
            case "video_url":
                return Media(MediaModality.Video, part.VideoUrl?.Url, uuid, param, "video_url");
            case "image_embeds":
                return Embeds(MediaModality.Image, part.ImageEmbeds, uuid, param, part.Type, embedsEnabled);
            case "audio_embeds":
                return Embeds(MediaModality.Audio, part.AudioEmbeds, uuid, param, part.Type, embedsEnabled);
            case "image_pil":
                if (part.ImagePil is { ValueKind: not JsonValueKind.Null })
                {
                    throw ApiException.BadRequest(
                        $"{param}: image_pil carries no image over HTTP; send the image as image_url, or set image_pil to null with the uuid of an image sent before.",
                        $"{param}.image_pil");
                }

                return Media(MediaModality.Image, null, uuid, param, "image_pil");
            case null:
                throw ApiException.BadRequest($"{param} has no type.", $"{param}.type");
            default:
                throw ApiException.BadRequest(
                    $"{param}: unknown content part type '{part.Type}'. Known types: text, image_url, input_audio, audio_url, video_url, image_embeds, audio_embeds, image_pil.",
                    $"{param}.type", "unknown_content_part");
        }
    }

    private static PartDraft Media(MediaModality modality, string? url, string? uuid, string param, string field)
    {
        if (url is null && uuid is null)
        {
            throw ApiException.BadRequest($"{param}: a {field} part needs {(field == "image_pil" ? "a uuid" : $"{field}.url or a uuid")}.", $"{param}.{field}");
        }

        return new PartDraft(null, new MediaDraft(modality, uuid, param) { Url = url });
    }

    private static PartDraft InputAudio(InputAudio? audio, string? uuid, string param)
    {
        if (audio is null)
        {
            return uuid is null
                ? throw ApiException.BadRequest($"{param}: an input_audio part needs input_audio.data or a uuid.", $"{param}.input_audio")
                : new PartDraft(null, new MediaDraft(MediaModality.Audio, uuid, param));
        }

        if (string.IsNullOrEmpty(audio.Data))
        {
            throw ApiException.BadRequest($"{param}: input_audio.data is empty.", $"{param}.input_audio.data");
        }

        // Any format ffmpeg decodes is taken; the declared one only helps where the content alone is ambiguous.
        byte[] bytes = Base64(audio.Data, $"{param}.input_audio.data", "invalid_request");
        string? format = string.IsNullOrWhiteSpace(audio.Format) ? null : audio.Format.Trim();
        return new PartDraft(null, new MediaDraft(MediaModality.Audio, uuid, param) { Data = bytes, Format = format });
    }

    /// <summary>
    /// An <c>image_embeds</c> or <c>audio_embeds</c> part: a base64 tensor, an object of named base64 tensors, or
    /// null with a uuid. The tensors are parsed later, once the per-prompt limits have passed.
    /// </summary>
    private static PartDraft Embeds(MediaModality modality, JsonElement? value, string? uuid, string param, string field, bool enabled)
    {
        string at = $"{param}.{field}";
        if (!enabled)
        {
            throw ApiException.BadRequest($"{param}: {field} parts are off; start the server with --enable-mm-embeds to accept them.", at, "mm_embeds_disabled");
        }

        var draft = new MediaDraft(modality, uuid, param);
        switch (value?.ValueKind)
        {
            case null or JsonValueKind.Null:
                return uuid is null
                    ? throw ApiException.BadRequest($"{param}: an {field} part needs {field} or a uuid.", at)
                    : new PartDraft(null, draft);
            case JsonValueKind.String:
                return new PartDraft(null, draft with { Embeds = new EmbedsDraft(field, Base64(value.Value.GetString(), at, InvalidEmbeddings), null) });
            case JsonValueKind.Object:
                var named = new Dictionary<string, byte[]>(StringComparer.Ordinal);
                var lists = new Dictionary<string, EmbeddingTensor>(StringComparer.Ordinal);
                foreach (var tensor in value.Value.EnumerateObject())
                {
                    string name = $"{at}.{tensor.Name}";
                    if (named.ContainsKey(tensor.Name) || lists.ContainsKey(tensor.Name))
                    {
                        throw ApiException.BadRequest($"{name} is given twice.", name, InvalidEmbeddings);
                    }

                    if (tensor.Value.ValueKind == JsonValueKind.String)
                    {
                        named[tensor.Name] = Base64(tensor.Value.GetString(), name, InvalidEmbeddings);
                    }
                    else if (tensor.Value.ValueKind == JsonValueKind.Array && tensor.Name != field)
                    {
                        // vLLM takes model extras such as image_grid_thw as plain lists too.
                        lists[tensor.Name] = EmbedsList.Read(tensor.Value, name);
                    }
                    else
                    {
                        throw ApiException.BadRequest($"{name} must be a base64 string of a serialized tensor{(tensor.Name == field ? "" : ", or a list of numbers")}.", name, InvalidEmbeddings);
                    }
                }

                return named.ContainsKey(field)
                    ? new PartDraft(null, draft with { Embeds = new EmbedsDraft(field, null, named, lists) })
                    : throw ApiException.BadRequest($"{at}: an object of named tensors must hold the embeddings under '{field}'.", at, InvalidEmbeddings);
            default:
                throw ApiException.BadRequest($"{at} must be a base64 tensor, an object of named base64 tensors, or null with a uuid.", at, InvalidEmbeddings);
        }
    }

    private static byte[] Base64(string? text, string param, string code)
    {
        try
        {
            return string.IsNullOrEmpty(text) ? throw new FormatException() : Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw ApiException.BadRequest($"{param} is not valid base64.", param, code);
        }
    }

    /// <summary>The engine's uuid rule, checked while reading so the error names the part.</summary>
    private static string? CheckUuid(string? uuid, string param) => MediaRules.CheckUuid(uuid, $"{param}.uuid");
}
