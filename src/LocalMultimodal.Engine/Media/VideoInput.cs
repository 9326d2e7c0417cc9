namespace LocalMultimodal.Media;

/// <summary>
/// A video: an encoded file (MP4, WebM, MKV, AVI, ... decoded with ffmpeg), or its frames given directly.
/// It reaches the model as a sequence of frame images, sampled uniformly up to
/// <see cref="VideoMediaOptions.NumFrames"/>, and counts once against the per-prompt video limit.
/// </summary>
public sealed class VideoInput : MediaInput
{
    private VideoInput(string? uuid) : base(uuid)
    {
    }

    /// <inheritdoc />
    public override MediaModality Modality => MediaModality.Video;

    /// <inheritdoc />
    public override bool IsReferenceOnly => Encoded is null && Frames is null;

    /// <summary>Encoded file bytes, when the video was given that way.</summary>
    public ReadOnlyMemory<byte>? Encoded { get; private init; }

    /// <summary>The frames, in order, when the video was given that way.</summary>
    public IReadOnlyList<ImageInput>? Frames { get; private init; }

    /// <summary>How many frames to sample from this video; null takes the engine's setting, which is also the ceiling.</summary>
    public int? NumFrames { get; private init; }

    /// <summary>
    /// The most frames per second to sample from this video (vLLM's <c>fps</c>); null takes the engine's setting. It only
    /// lowers the frame count (<c>min(num_frames, floor(duration × fps))</c>, at least one), for encoded videos only:
    /// frames given directly carry no time.
    /// </summary>
    public double? Fps { get; private init; }

    /// <summary>This video sampled at most <paramref name="fps"/> frames per second; the value is checked when the video is prepared.</summary>
    public VideoInput WithFps(double? fps) => new(Uuid) { Encoded = Encoded, Frames = Frames, NumFrames = NumFrames, Fps = fps };

    /// <summary>A video from encoded file bytes; ffmpeg reads a temp file of ours, never a URL.</summary>
    public static VideoInput FromEncoded(ReadOnlyMemory<byte> bytes, string? uuid = null, int? numFrames = null) =>
        new(uuid) { Encoded = bytes, NumFrames = numFrames };

    /// <summary>A video from its frames (like vLLM's list of arrays); they are sampled like a decoded video's.</summary>
    public static VideoInput FromFrames(IReadOnlyList<ImageInput> frames, string? uuid = null, int? numFrames = null)
    {
        ArgumentNullException.ThrowIfNull(frames);
        return new(uuid) { Frames = frames, NumFrames = numFrames };
    }

    /// <summary>A video sent by uuid only: it must be in a cache from an earlier request.</summary>
    public static VideoInput Reference(string uuid)
    {
        ArgumentNullException.ThrowIfNull(uuid);
        return new(uuid);
    }
}
