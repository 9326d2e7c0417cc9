namespace LocalMultimodal.Media;

/// <summary>How audio is prepared (vLLM's <c>media_io_kwargs.audio</c>) and the limits it must fit.</summary>
public sealed class AudioMediaOptions
{
    /// <summary>The longest clip accepted, in seconds; decoding stops with an error past it.</summary>
    public double MaxDurationSeconds { get; set; } = 600;

    /// <summary>How long ffmpeg may run to decode one clip (formats other than WAV) before it is killed.</summary>
    public TimeSpan DecodeTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
