using System.Runtime.InteropServices;
using FFMpegCore;
using LocalMultimodal.Errors;

namespace LocalMultimodal.Media;

/// <summary>
/// Decodes any audio ffmpeg knows (MP3, FLAC, OGG/Opus, M4A, ...) to mono float samples at the
/// target rate. The duration is capped while decoding: ffmpeg stops at <c>-t</c>, and reading stops
/// (ffmpeg is killed) one sample past the limit, whatever the file claims.
/// </summary>
internal static class FfmpegAudioDecoder
{
    // input_audio.format values mapped to the demuxer they name; anything else is ignored.
    private static readonly Dictionary<string, string> HintDemuxers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["wav"] = "wav",
        ["mp3"] = "mp3",
        ["mpeg"] = "mp3",
        ["flac"] = "flac",
        ["ogg"] = "ogg",
        ["oga"] = "ogg",
        ["opus"] = "ogg",
        ["m4a"] = "mov",
        ["mp4"] = "mov",
        ["aac"] = "aac",
        ["webm"] = "matroska",
        ["mka"] = "matroska",
        ["aiff"] = "aiff",
    };

    /// <summary>Decodes <paramref name="bytes"/>, or throws <see cref="InvalidRequestException"/> saying what is wrong with them.</summary>
    /// <param name="bytes">The encoded clip.</param>
    /// <param name="targetSampleRate">The projector's sample rate.</param>
    /// <param name="options">Limits.</param>
    /// <param name="formatHint">The declared format, tried only when ffmpeg cannot tell the format from the content.</param>
    /// <param name="tempDirectory">Where the temp file ffmpeg reads goes; null for the system's temp folder.</param>
    /// <param name="cancellationToken">Cancels the work and kills ffmpeg.</param>
    public static async Task<float[]> DecodeAsync(
        ReadOnlyMemory<byte> bytes, int targetSampleRate, AudioMediaOptions options, string? formatHint, string? tempDirectory, CancellationToken cancellationToken)
    {
        using FfmpegInputFile file = await FfmpegInputFile.CreateAsync(bytes, tempDirectory, cancellationToken).ConfigureAwait(false);
        try
        {
            return await RunAsync(file.Path, null, targetSampleRate, options, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidRequestException ex) when (ex.Code == MediaErrorCodes.InvalidAudio
            && formatHint is not null && HintDemuxers.TryGetValue(formatHint, out string? demuxer))
        {
            // The content decides; the hint only helps where ffmpeg's own probing could not tell.
            return await RunAsync(file.Path, demuxer, targetSampleRate, options, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<float[]> RunAsync(string path, string? demuxer, int targetSampleRate, AudioMediaOptions options, CancellationToken cancellationToken)
    {
        long maxSamples = (long)Math.Ceiling(options.MaxDurationSeconds * targetSampleRate);
        string[] arguments =
        [
            "-nostdin", "-hide_banner", "-nostats", "-loglevel", "error",
            .. FfmpegArguments.SafeInput(FfmpegArguments.AudioDemuxers, path, demuxer),
            "-map", "0:a:0", "-vn",
            "-ac", "1", "-ar", targetSampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // A second past the limit is enough to tell "too long" from "just fits".
            "-t", (options.MaxDurationSeconds + 1).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
            "-f", "f32le", "pipe:1",
        ];

        using var ffmpeg = FfmpegProcess.Start(GlobalFFOptions.GetFFMpegBinaryPath(), arguments, options.DecodeTimeout, null, cancellationToken);
        using var output = new MemoryStream();
        long cap = (maxSamples + 1) * sizeof(float);
        bool tooLong = false;
        try
        {
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = await ffmpeg.Output.ReadAsync(buffer, ffmpeg.Stopping).ConfigureAwait(false)) > 0)
            {
                output.Write(buffer, 0, read);
                if (output.Length >= cap)
                {
                    tooLong = true;
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped by the deadline or the caller; reported below.
        }

        if (tooLong)
        {
            ffmpeg.Kill();
        }

        int exitCode = await ffmpeg.WaitForExitAsync().ConfigureAwait(false);
        ffmpeg.ThrowIfStopped(() => new InvalidRequestException(
            $"The audio took longer than {options.DecodeTimeout.TotalSeconds:0.###} s to decode.", MediaErrorCodes.MediaDecodeTimeout));
        if (tooLong)
        {
            throw new InvalidRequestException($"The audio lasts more than {options.MaxDurationSeconds:0.###} s, the limit.", MediaErrorCodes.AudioTooLong);
        }

        if (exitCode != 0 || output.Length < sizeof(float))
        {
            // ffmpeg's message may name paths and internals; ours does not.
            throw AudioPreparer.Invalid("The audio could not be decoded: it is corrupt or not in a supported format.");
        }

        float[] samples = MemoryMarshal.Cast<byte, float>(output.GetBuffer().AsSpan(0, (int)(output.Length / sizeof(float) * sizeof(float)))).ToArray();
        AudioPreparer.CheckFinite(samples);
        return samples;
    }
}
