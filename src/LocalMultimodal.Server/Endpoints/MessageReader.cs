using LocalMultimodal.Media;
using LocalMultimodal.Server.Errors;
using LocalMultimodal.Server.Protocol;

namespace LocalMultimodal.Server.Endpoints;

/// <summary>
/// Reads the request's messages into drafts, rejecting what the server cannot take before anything is fetched:
/// unknown roles and part types, tool messages, parts the engine does not support yet, bad uuids.
/// </summary>
internal static class MessageReader
{
    private const int MaxUuidLength = 256;

    public static List<TurnDraft> Read(IReadOnlyList<ChatMessage>? messages, bool embedsEnabled)
    {
        if (messages is null || messages.Count == 0)
        {
            throw ApiException.BadRequest("messages must hold at least one message.", "messages");
        }

        var turns = new List<TurnDraft>(messages.Count);
        for (int i = 0; i < messages.Count; i++)
        {
            turns.Add(ReadMessage(messages[i], $"messages[{i}]", embedsEnabled));
        }

        return turns;
    }

    private static TurnDraft ReadMessage(ChatMessage message, string param, bool embedsEnabled)
    {
        string role = message.Role switch
        {
            "system" or "developer" => "system",
            "user" => "user",
            "assistant" => "assistant",
            "tool" or "function" => throw ApiException.BadRequest(
                $"{param}: '{message.Role}' messages are not supported yet: this server does not call tools.", $"{param}.role", "tools_not_supported"),
            null => throw ApiException.BadRequest($"{param} has no role.", $"{param}.role"),
            _ => throw ApiException.BadRequest($"{param}: unknown role '{message.Role}'; use system, user or assistant.", $"{param}.role"),
        };
        if (message.ToolCalls is { ValueKind: not System.Text.Json.JsonValueKind.Null })
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

    private static PartDraft ReadPart(ContentPart part, string param, bool embedsEnabled)
    {
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
                throw ApiException.NotSupported($"{param}: video_url parts are not supported yet: this engine does not decode video.", $"{param}.video_url");
            case "image_embeds" or "audio_embeds":
                throw embedsEnabled
                    ? ApiException.NotSupported($"{param}: {part.Type} parts are not supported by this engine yet.", $"{param}.{part.Type}")
                    : ApiException.BadRequest(
                        $"{param}: {part.Type} parts are off; start the server with --enable-mm-embeds to accept them.", $"{param}.{part.Type}", "mm_embeds_disabled");
            case "image_pil":
                if (part.ImagePil is { ValueKind: not System.Text.Json.JsonValueKind.Null })
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

        return new PartDraft(null, new MediaDraft(modality, url, null, uuid, param));
    }

    private static PartDraft InputAudio(InputAudio? audio, string? uuid, string param)
    {
        if (audio is null)
        {
            return uuid is null
                ? throw ApiException.BadRequest($"{param}: an input_audio part needs input_audio.data or a uuid.", $"{param}.input_audio")
                : new PartDraft(null, new MediaDraft(MediaModality.Audio, null, null, uuid, param));
        }

        string format = audio.Format?.Trim().ToLowerInvariant() ?? "";
        if (format != "wav")
        {
            throw ApiException.BadRequest(
                $"{param}: input_audio format '{audio.Format}' is not supported yet; send WAV (format \"wav\").", $"{param}.input_audio.format", "unsupported_audio_format");
        }

        if (string.IsNullOrEmpty(audio.Data))
        {
            throw ApiException.BadRequest($"{param}: input_audio.data is empty.", $"{param}.input_audio.data");
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(audio.Data);
        }
        catch (FormatException)
        {
            throw ApiException.BadRequest($"{param}: input_audio.data is not valid base64.", $"{param}.input_audio.data");
        }

        return new PartDraft(null, new MediaDraft(MediaModality.Audio, null, bytes, uuid, param));
    }

    private static string? CheckUuid(string? uuid, string param)
    {
        if (uuid is null)
        {
            return null;
        }

        if (uuid.Length is 0 or > MaxUuidLength || uuid.Any(char.IsControl))
        {
            throw ApiException.BadRequest($"{param}: uuid must be 1 to {MaxUuidLength} characters with no control characters.", $"{param}.uuid");
        }

        return uuid;
    }
}
