namespace LocalMultimodal.Server.Protocol;

/// <summary>The object of <c>image_url</c>, <c>audio_url</c> and <c>video_url</c> parts.</summary>
internal sealed class MediaUrl
{
    public string? Url { get; set; }

    /// <summary>OpenAI's image detail hint; accepted and ignored (the projector decides the resolution).</summary>
    public string? Detail { get; set; }
}
