using System.Text.Json;

namespace LocalMultimodal.Server.Protocol;

/// <summary>
/// One part of a message, as vLLM accepts them: <c>text</c>, <c>image_url</c>, <c>input_audio</c>, <c>audio_url</c>,
/// <c>video_url</c>, <c>image_embeds</c>, <c>audio_embeds</c> or <c>image_pil</c>. A media field may be null when
/// <see cref="Uuid"/> names media sent earlier.
/// </summary>
internal sealed class ContentPart
{
    public string? Type { get; set; }

    public string? Text { get; set; }

    public MediaUrl? ImageUrl { get; set; }

    public MediaUrl? AudioUrl { get; set; }

    public MediaUrl? VideoUrl { get; set; }

    public InputAudio? InputAudio { get; set; }

    public JsonElement? ImageEmbeds { get; set; }

    public JsonElement? AudioEmbeds { get; set; }

    public JsonElement? ImagePil { get; set; }

    public string? Uuid { get; set; }
}
