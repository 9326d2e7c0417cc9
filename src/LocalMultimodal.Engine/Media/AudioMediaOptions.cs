namespace LocalMultimodal.Media;

/// <summary>How audio is prepared (vLLM's <c>media_io_kwargs.audio</c>) and the limits it must fit.</summary>
public sealed class AudioMediaOptions
{
    /// <summary>The longest clip accepted, in seconds; decoding stops with an error past it.</summary>
    public double MaxDurationSeconds { get; set; } = 600;

    /// <summary>How long ffmpeg may run to decode one clip (formats other than WAV) before it is killed.</summary>
    public TimeSpan DecodeTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Audio longer than this is cut into clips at the quietest point (see <see cref="AudioSplitter"/>) and fed in
    /// order: Whisper-style projectors see 30 s windows.
    /// </summary>
    public double MaxClipSeconds { get; set; } = 30;

    /// <summary>How far before each clip limit a cut may fall, in seconds.</summary>
    public double SplitOverlapSeconds { get; set; } = 1;

    /// <summary>The window, in samples, whose RMS energy picks the quietest cut point.</summary>
    public int SplitWindowSamples { get; set; } = 1600;
}
