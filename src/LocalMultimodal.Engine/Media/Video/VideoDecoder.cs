namespace LocalMultimodal.Media;

/// <summary>
/// Decodes an encoded video to its uniformly sampled frames: a temp file of ours, ffprobe for the limits and
/// the frame timestamps, then ffmpeg for the chosen frames. The temp file is deleted and ffmpeg killed on every
/// way out, errors, timeouts and cancellation included.
/// </summary>
internal static class VideoDecoder
{
    /// <summary>Decodes the frames, or throws <see cref="Errors.InvalidRequestException"/> saying what is wrong with the video.</summary>
    /// <param name="encoded">The video file's bytes; not empty.</param>
    /// <param name="options">Frame count, recovery and limits.</param>
    /// <param name="imageOptions">The frame size limits.</param>
    /// <param name="tempDirectory">Where the temp file goes; null for the system's temp folder.</param>
    /// <param name="onDecoderStarted">Sees the frame decoder's process id once it runs; may be null.</param>
    /// <param name="cancellationToken">Cancels the work and kills ffmpeg.</param>
    public static async Task<IReadOnlyList<PreparedImage>> DecodeAsync(
        ReadOnlyMemory<byte> encoded,
        VideoMediaOptions options,
        ImageMediaOptions imageOptions,
        string? tempDirectory,
        Action<int>? onDecoderStarted,
        CancellationToken cancellationToken)
    {
        using FfmpegInputFile file = await FfmpegInputFile.CreateAsync(encoded, tempDirectory, cancellationToken).ConfigureAwait(false);
        VideoProbe probe = await VideoProber.ProbeAsync(file.Path, options, imageOptions, cancellationToken).ConfigureAwait(false);
        int[] targets = FrameSampler.Uniform(probe.FrameTimestamps.Count, FrameSampler.Count(options.NumFrames, probe.DurationSeconds, options.Fps));
        return await FrameDecoder.DecodeAsync(file.Path, probe, targets, options, onDecoderStarted, cancellationToken).ConfigureAwait(false);
    }
}
