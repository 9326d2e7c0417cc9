using LocalMultimodal.Errors;
using LocalMultimodal.Media;

namespace LocalMultimodal.Prompts;

/// <summary>
/// Checks a prompt against the model and the limits and decodes its media, on the caller's side of the
/// queue, so that decoding never holds up the inference loop.
/// </summary>
internal sealed class PromptPreparer(EngineOptions options, EngineCapabilities capabilities, ChatTemplateRenderer renderer)
{
    private const int MaxUuidLength = 256;

    public PreparedPrompt Prepare(MultimodalPrompt prompt)
    {
        CheckLimits(prompt.Media);
        string[] texts = prompt.Text.Split(MultimodalPrompt.MediaMarker);
        int markers = texts.Length - 1;
        if (markers != prompt.Media.Count)
        {
            throw new InvalidRequestException(
                $"The prompt has {markers} media marker{(markers == 1 ? "" : "s")} ({MultimodalPrompt.MediaMarker}) but {prompt.Media.Count} media item{(prompt.Media.Count == 1 ? "" : "s")}; " +
                "give exactly one item per marker.", "media_marker_mismatch") { Param = "prompt" };
        }

        var pieces = new List<PromptPiece>();
        for (int i = 0; i < texts.Length; i++)
        {
            if (texts[i].Length > 0)
            {
                pieces.Add(new TextPiece(texts[i], ParseSpecial: true));
            }

            if (i < prompt.Media.Count)
            {
                pieces.Add(new MediaPiece(PrepareMedia(prompt.Media[i])));
            }
        }

        return new PreparedPrompt(pieces);
    }

    public PreparedPrompt PrepareChat(IReadOnlyList<ChatTurn> turns)
    {
        if (turns.Count == 0)
        {
            throw new InvalidRequestException("The conversation has no messages.", "empty_conversation") { Param = "messages" };
        }

        CheckLimits([.. turns.SelectMany(t => t.Items).Select(i => i.Media).OfType<MediaInput>()]);
        return new PreparedPrompt(renderer.Render(turns, item => PrepareMedia(item.Media!)));
    }

    private void CheckLimits(IReadOnlyList<MediaInput> media)
    {
        foreach (var group in media.GroupBy(m => m.Modality))
        {
            string name = group.Key.ToString().ToLowerInvariant();
            if (!capabilities.Modalities.Contains(group.Key))
            {
                string has = capabilities.Modalities.Count == 0
                    ? "text only"
                    : string.Join(" and ", capabilities.Modalities.Select(m => m.ToString().ToLowerInvariant()));
                throw new InvalidRequestException(
                    $"This model cannot take {name}: its projector accepts {has}.", "modality_not_supported");
            }

            if (options.LimitPerPrompt.TryGetValue(group.Key, out int limit) && group.Count() > limit)
            {
                throw new InvalidRequestException(
                    $"The prompt has {group.Count()} {name} items, but at most {limit} are allowed per prompt (limit_mm_per_prompt).",
                    "too_many_media") { Param = name };
            }
        }
    }

    private PreparedMedia PrepareMedia(MediaInput media)
    {
        if (media.Uuid is { } uuid && (uuid.Length > MaxUuidLength || uuid.Any(char.IsControl)))
        {
            throw new InvalidRequestException(
                $"A media uuid must be 1 to {MaxUuidLength} characters without control characters.", "invalid_uuid") { Param = "uuid" };
        }

        if (media.IsReferenceOnly)
        {
            return new PreparedMedia { Modality = media.Modality, Uuid = media.Uuid };
        }

        switch (media)
        {
            case ImageInput image:
                var pixels = ImagePreparer.Prepare(image, options.Media.Image);
                return new PreparedMedia { Modality = MediaModality.Image, Uuid = media.Uuid, Image = pixels, ContentKey = MediaContentHash.Of(pixels) };
            case AudioInput audio:
                var samples = AudioPreparer.Prepare(audio, capabilities.AudioSampleRate, options.Media.Audio);
                return new PreparedMedia
                {
                    Modality = MediaModality.Audio,
                    Uuid = media.Uuid,
                    Audio = samples,
                    ContentKey = MediaContentHash.Of(samples, capabilities.AudioSampleRate),
                };
            default:
                throw new InvalidRequestException($"Media of type {media.GetType().Name} is not supported.", "modality_not_supported");
        }
    }
}
