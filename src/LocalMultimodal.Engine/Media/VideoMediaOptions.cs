namespace LocalMultimodal.Media;

/// <summary>How videos are decoded (vLLM's <c>media_io_kwargs.video</c>) and the limits they must fit.</summary>
public sealed class VideoMediaOptions
{
    /// <summary>How many frames are sampled uniformly from a video.</summary>
    public int NumFrames { get; set; } = 8;

    /// <summary>
    /// The most frames per second sampled from an encoded video (vLLM's <c>fps</c>): the frame count becomes
    /// <c>min(NumFrames, floor(duration × Fps))</c>, at least one. Null: no rate limit. Frames given directly ignore it.
    /// </summary>
    public double? Fps { get; set; }

    /// <summary>
    /// When a target frame fails to decode, use the next frame that decodes before the next target
    /// (covers corruption in the middle and truncation at the end). Off: a failed frame is an error.
    /// </summary>
    public bool FrameRecovery { get; set; }

    /// <summary>The longest video accepted, in seconds, read by ffprobe before decoding.</summary>
    public double MaxDurationSeconds { get; set; } = 600;

    /// <summary>The most frames a video may hold, read by ffprobe before decoding.</summary>
    public long MaxFrames { get; set; } = 100_000;

    /// <summary>How long ffmpeg may run for one video before it is killed.</summary>
    public TimeSpan DecodeTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
