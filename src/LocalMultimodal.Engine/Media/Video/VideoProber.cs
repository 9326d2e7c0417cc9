using System.Globalization;
using FFMpegCore;
using LocalMultimodal.Errors;

namespace LocalMultimodal.Media;

/// <summary>
/// Reads a video's duration, size and frame list with ffprobe and refuses it against the limits
/// before anything is decoded. The header comes from FFMpegCore's analysis; the frames are counted
/// from ffprobe's packet list, streamed so that counting stops as soon as the limit is passed.
/// </summary>
internal static class VideoProber
{
    public static async Task<VideoProbe> ProbeAsync(string path, VideoMediaOptions options, ImageMediaOptions imageOptions, CancellationToken cancellationToken)
    {
        IMediaAnalysis analysis = await AnalyseAsync(path, options.DecodeTimeout, cancellationToken).ConfigureAwait(false);
        VideoStream stream = analysis.VideoStreams.FirstOrDefault(s => s.Disposition?.GetValueOrDefault("attached_pic") != true)
            ?? throw VideoPreparer.Invalid("The file holds no video stream.");

        CheckDuration(analysis.Duration.TotalSeconds, options);
        if (stream.Width <= 0 || stream.Height <= 0)
        {
            throw VideoPreparer.Invalid("The video's frame size could not be read.");
        }

        if (stream.Width > imageOptions.MaxWidth || stream.Height > imageOptions.MaxHeight || (long)stream.Width * stream.Height > imageOptions.MaxPixels)
        {
            throw new InvalidRequestException(
                $"The video's frames are {stream.Width}x{stream.Height}; the limit is {imageOptions.MaxWidth}x{imageOptions.MaxHeight} and {imageOptions.MaxPixels} pixels.",
                MediaErrorCodes.VideoTooLarge);
        }

        (List<(long Timestamp, double Seconds)> frames, double lastSeconds) = await ListFramesAsync(path, options, cancellationToken).ConfigureAwait(false);
        if (frames.Count == 0)
        {
            throw VideoPreparer.Invalid("The video holds no frames.");
        }

        // Containers without a duration in their header (some WebM/MKV streams) are measured by
        // their last frame's time instead.
        double duration = analysis.Duration.TotalSeconds > 0 ? analysis.Duration.TotalSeconds : lastSeconds;
        CheckDuration(duration, options);
        frames.Sort((a, b) => a.Timestamp.CompareTo(b.Timestamp));
        double start = frames[0].Seconds;
        return new VideoProbe(stream.Width, stream.Height, duration, [.. frames.Select(f => f.Timestamp)], [.. frames.Select(f => Math.Max(0, f.Seconds - start))]);
    }

    private static async Task<IMediaAnalysis> AnalyseAsync(string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            // FFMpegCore kills ffprobe when the token fires.
            return await FFProbe.AnalyseAsync(
                path,
                cancellationToken: deadline.Token,
                customArguments: string.Join(' ', "-protocol_whitelist", "file,pipe", "-format_whitelist", FfmpegArguments.VideoDemuxers)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw VideoPreparer.TimedOut(timeout);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // ffprobe's own text (paths, internals) stays out of the message.
            throw VideoPreparer.Invalid("The video could not be read: it is corrupt or not in a supported container.", ex);
        }
    }

    private static async Task<(List<(long Timestamp, double Seconds)> Frames, double LastSeconds)> ListFramesAsync(string path, VideoMediaOptions options, CancellationToken cancellationToken)
    {
        string[] arguments =
        [
            "-v", "error",
            "-select_streams", "V:0",
            "-show_entries", "packet=pts,pts_time,dts,dts_time",
            "-of", "compact=p=0",
            "-protocol_whitelist", "file,pipe",
            "-format_whitelist", FfmpegArguments.VideoDemuxers,
            path,
        ];

        var timestamps = new List<(long Timestamp, double Seconds)>();
        double lastSeconds = 0;
        bool tooMany = false;
        using var ffprobe = FfmpegProcess.Start(GlobalFFOptions.GetFFProbeBinaryPath(), arguments, options.DecodeTimeout, null, cancellationToken);
        using var reader = new StreamReader(ffprobe.Output);
        try
        {
            while (await reader.ReadLineAsync(ffprobe.Stopping).ConfigureAwait(false) is { } line)
            {
                if (timestamps.Count >= options.MaxFrames)
                {
                    tooMany = true;
                    ffprobe.Kill();
                    break;
                }

                (long? timestamp, double seconds, double frameSeconds) = ParsePacket(line);
                if (timestamp is null)
                {
                    continue;
                }

                timestamps.Add((timestamp.Value, frameSeconds));
                lastSeconds = Math.Max(lastSeconds, seconds);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped by the deadline or the caller; reported below.
        }

        int exitCode = await ffprobe.WaitForExitAsync().ConfigureAwait(false);
        ffprobe.ThrowIfStopped(() => VideoPreparer.TimedOut(options.DecodeTimeout));
        if (tooMany)
        {
            throw new InvalidRequestException($"The video has more than {options.MaxFrames} frames, the limit.", MediaErrorCodes.VideoTooLong);
        }

        if (exitCode != 0)
        {
            throw VideoPreparer.Invalid("The video could not be read: its frame index is corrupt.");
        }

        return (timestamps, lastSeconds);
    }

    // A line reads "pts=1024|pts_time=0.100000|dts=0|dts_time=0.000000"; AVI and raw streams may
    // lack pts, in which case dts orders the frames. Seconds is the later of the two times (for the
    // duration); FrameSeconds the time of the timestamp that orders the frame.
    private static (long? Timestamp, double Seconds, double FrameSeconds) ParsePacket(string line)
    {
        long? pts = null, dts = null;
        double seconds = 0;
        double? ptsSeconds = null, dtsSeconds = null;
        foreach (string field in line.Split('|'))
        {
            int equals = field.IndexOf('=');
            if (equals < 0)
            {
                continue;
            }

            ReadOnlySpan<char> value = field.AsSpan(equals + 1);
            switch (field.AsSpan(0, equals))
            {
                case "pts" when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long p):
                    pts = p;
                    break;
                case "dts" when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long d):
                    dts = d;
                    break;
                case "pts_time" or "dts_time" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double s):
                    seconds = Math.Max(seconds, s);
                    if (field.StartsWith("pts", StringComparison.Ordinal))
                    {
                        ptsSeconds = s;
                    }
                    else
                    {
                        dtsSeconds = s;
                    }

                    break;
            }
        }

        return (pts ?? dts, seconds, (pts is null ? dtsSeconds : ptsSeconds) ?? 0);
    }

    private static void CheckDuration(double seconds, VideoMediaOptions options)
    {
        if (seconds > options.MaxDurationSeconds)
        {
            throw new InvalidRequestException(
                $"The video lasts {seconds:0.###} s; the limit is {options.MaxDurationSeconds:0.###} s.",
                MediaErrorCodes.VideoTooLong);
        }
    }
}
