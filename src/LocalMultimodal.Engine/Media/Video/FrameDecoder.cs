using System.Globalization;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using FFMpegCore;
using LocalMultimodal.Errors;

namespace LocalMultimodal.Media;

/// <summary>
/// Decodes every frame of a video once, in order, and keeps the sampled ones. Each sampled index
/// owns a window up to the next one; the window's first decoded frame is kept. When that frame is
/// not the sampled one, the sampled frame failed: with frame recovery the later frame stands in for
/// it (vLLM's forward scan), without it the video is refused. A window where nothing decodes (the
/// tail of a truncated file) is dropped with recovery and refused without it.
/// </summary>
internal static partial class FrameDecoder
{
    public static async Task<IReadOnlyList<PreparedImage>> DecodeAsync(
        string path, VideoProbe probe, int[] targets, VideoMediaOptions options, Action<int>? onStarted, CancellationToken cancellationToken)
    {
        int frameBytes = checked(probe.Width * probe.Height * 3);
        string[] arguments =
        [
            "-nostdin", "-hide_banner", "-nostats", "-loglevel", "info",
            // Keep the container's timestamps so showinfo's pts match ffprobe's packet list.
            "-copyts",
            .. FfmpegArguments.SafeInput(FfmpegArguments.VideoDemuxers, path),
            "-map", "0:V:0",
            // showinfo reports each decoded frame's pts; the scale pins every frame to the probed size.
            "-vf", $"showinfo,scale={probe.Width}:{probe.Height}",
            "-fps_mode", "passthrough",
            "-f", "rawvideo", "-pix_fmt", "rgb24",
            "pipe:1",
        ];

        var timestamps = Channel.CreateUnbounded<long?>();
        using var ffmpeg = FfmpegProcess.Start(
            GlobalFFOptions.GetFFMpegBinaryPath(), arguments, options.DecodeTimeout, line => OnStderrLine(line, timestamps.Writer), cancellationToken);
        onStarted?.Invoke(ffmpeg.Id);

        var chosen = new PreparedImage?[targets.Length];
        int? failedTarget = null;
        try
        {
            var buffer = new byte[frameBytes];
            int decoded = 0;
            while (failedTarget is null)
            {
                int read = await ffmpeg.Output.ReadAtLeastAsync(buffer, frameBytes, throwOnEndOfStream: false, ffmpeg.Stopping).ConfigureAwait(false);
                if (read < frameBytes)
                {
                    break;
                }

                // showinfo logs a frame before the encoder writes it, so its line is on its way.
                long? pts = await timestamps.Reader.ReadAsync(ffmpeg.Stopping).ConfigureAwait(false);
                int index = pts is { } value ? FrameIndex(probe.FrameTimestamps, value) : decoded;
                decoded++;
                int window = Array.BinarySearch(targets, index);
                window = window >= 0 ? window : ~window - 1;
                if (window < 0 || chosen[window] is not null)
                {
                    continue;
                }

                if (index != targets[window] && !options.FrameRecovery)
                {
                    failedTarget = targets[window];
                    break;
                }

                chosen[window] = new PreparedImage(probe.Width, probe.Height, buffer) { Seconds = probe.FrameSeconds[index] };
                buffer = new byte[frameBytes];
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            // Stopped by the deadline or the caller (reported below), or ffmpeg ended early.
        }

        ffmpeg.Kill();
        await ffmpeg.WaitForExitAsync().ConfigureAwait(false);
        ffmpeg.ThrowIfStopped(() => VideoPreparer.TimedOut(options.DecodeTimeout));

        int missing = Array.IndexOf(chosen, null);
        if (!options.FrameRecovery && (failedTarget ?? (missing >= 0 ? targets[missing] : null)) is { } failed)
        {
            throw VideoPreparer.Invalid(
                $"Frame {failed} of the video could not be decoded: the file is corrupt or truncated. Enable frame_recovery to use the next good frame instead.");
        }

        PreparedImage[] frames = chosen.OfType<PreparedImage>().ToArray();
        return frames.Length > 0 ? frames : throw VideoPreparer.Invalid("No frame of the video could be decoded: the file is corrupt.");
    }

    // The frame's position in presentation order: its own timestamp, or the last frame at or before
    // it when a decoder reports a timestamp the packet list does not hold.
    private static int FrameIndex(IReadOnlyList<long> sortedTimestamps, long pts)
    {
        int low = 0, high = sortedTimestamps.Count - 1, found = -1;
        while (low <= high)
        {
            int middle = low + ((high - low) / 2);
            if (sortedTimestamps[middle] <= pts)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return Math.Max(found, 0);
    }

    private static void OnStderrLine(string? line, ChannelWriter<long?> timestamps)
    {
        if (line is null)
        {
            timestamps.TryComplete();
            return;
        }

        Match match = ShowInfoFrame().Match(line);
        if (match.Success)
        {
            timestamps.TryWrite(long.TryParse(match.Groups[1].ValueSpan, NumberStyles.Integer, CultureInfo.InvariantCulture, out long pts) ? pts : null);
        }
    }

    // "[Parsed_showinfo_0 @ 0x...] n:   3 pts:   3072 pts_time:0.3 ..."; pts reads NOPTS when unknown.
    [GeneratedRegex(@"\[Parsed_showinfo_\d+ @ [^\]]+\] n:\s*\d+\s+pts:\s*(\S+)")]
    private static partial Regex ShowInfoFrame();
}
