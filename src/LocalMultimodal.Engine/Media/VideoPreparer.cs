using LocalMultimodal.Errors;

namespace LocalMultimodal.Media;

/// <summary>
/// Turns a <see cref="VideoInput"/> into its sampled frames, in order, ready for the projector.
/// Encoded videos go through ffprobe (limits) then ffmpeg (frames), reading a temp file of ours with a
/// file/pipe protocol whitelist and a demuxer whitelist; frames given directly are sampled the same way.
/// </summary>
internal static class VideoPreparer
{
    /// <summary>Prepares the video, or throws <see cref="InvalidRequestException"/> saying what is wrong with it.</summary>
    /// <param name="input">The video.</param>
    /// <param name="options">Frame count, recovery and limits; a per-request <c>num_frames</c> is a copy of these with its own value.</param>
    /// <param name="imageOptions">The frame size limits and, for frames given directly, the alpha background.</param>
    /// <param name="cancellationToken">Cancels the work and kills ffmpeg.</param>
    /// <exception cref="ArgumentException">The input carries no data (a uuid reference, which the caches resolve).</exception>
    public static async Task<IReadOnlyList<PreparedImage>> PrepareAsync(
        VideoInput input, VideoMediaOptions options, ImageMediaOptions imageOptions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(imageOptions);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.NumFrames, nameof(options));
        if (options.Fps is { } fps && (!double.IsFinite(fps) || fps <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), fps, "Fps must be a number above 0.");
        }

        if (options.DecodeTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.DecodeTimeout, "DecodeTimeout must be positive.");
        }

        if (input.Frames is { } frames)
        {
            return FromFrames(frames, options, imageOptions);
        }

        if (input.Encoded is not { } encoded)
        {
            throw new ArgumentException("The video carries no data, only a uuid; resolve it through the cache.", nameof(input));
        }

        if (encoded.IsEmpty)
        {
            throw Invalid("The video is empty.");
        }

        return await VideoDecoder.DecodeAsync(encoded, options, imageOptions, tempDirectory: null, onDecoderStarted: null, cancellationToken).ConfigureAwait(false);
    }

    internal static InvalidRequestException Invalid(string message, Exception? inner = null) =>
        new(message, MediaErrorCodes.InvalidVideo, inner);

    internal static InvalidRequestException TimedOut(TimeSpan timeout) =>
        new($"The video took longer than {timeout.TotalSeconds:0.###} s to decode.", MediaErrorCodes.MediaDecodeTimeout);

    private static PreparedImage[] FromFrames(IReadOnlyList<ImageInput> frames, VideoMediaOptions options, ImageMediaOptions imageOptions)
    {
        if (frames.Count == 0)
        {
            throw Invalid("The video has no frames.");
        }

        if (frames.Count > options.MaxFrames)
        {
            throw new InvalidRequestException($"The video has {frames.Count} frames; the limit is {options.MaxFrames}.", MediaErrorCodes.VideoTooLong);
        }

        int[] targets = FrameSampler.Uniform(frames.Count, options.NumFrames);
        var prepared = new PreparedImage[targets.Length];
        for (int i = 0; i < targets.Length; i++)
        {
            ImageInput frame = frames[targets[i]] ?? throw Invalid($"Frame {targets[i]} of the video is missing.");
            prepared[i] = ImagePreparer.Prepare(frame, imageOptions);
        }

        return prepared;
    }
}
