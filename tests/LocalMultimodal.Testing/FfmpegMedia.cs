using System.Diagnostics;
using System.Globalization;
using Xunit;

namespace LocalMultimodal.Testing;

/// <summary>Video and compressed audio made with ffmpeg's own test sources, in a folder the caller owns.</summary>
public static class FfmpegMedia
{
    /// <summary>Two seconds of one colour, 64x64 at 10 fps (20 frames), H.264 in MP4; returns the path.</summary>
    public static string SolidMp4(string folder, string colour) =>
        Make(folder, $"{colour}.mp4", "-f", "lavfi", "-i", $"color=c={colour}:s=64x64:d=2:r=10", "-pix_fmt", "yuv420p");

    /// <summary>Three seconds of one colour, 64x64 at 10 fps (30 frames), MJPEG in AVI (one packet per frame); returns the path.</summary>
    public static string SolidAvi(string folder, string colour) =>
        Make(folder, $"{colour}.avi", "-f", "lavfi", "-i", $"color=c={colour}:s=64x64:d=3:r=10", "-c:v", "mjpeg", "-q:v", "2");

    /// <summary>
    /// ffmpeg's moving test pattern, <paramref name="frames"/> frames at <paramref name="rate"/> fps, lossless RGB (PNG
    /// frames in Matroska) so that every decoder reads the same pixels; returns the path.
    /// </summary>
    public static string PatternMkv(string folder, string name, int width, int height, int rate, int frames) =>
        Make(folder, $"{name}.mkv", "-f", "lavfi", "-i", $"testsrc=size={width}x{height}:rate={rate}", "-frames:v", frames.ToString(CultureInfo.InvariantCulture), "-c:v", "png", "-pix_fmt", "rgb24");

    /// <summary>One second of a sine at 48 kHz in the container and codec given; returns the path.</summary>
    public static string Tone(string folder, int frequency, string container, string codec) =>
        Make(folder, $"tone{frequency}.{container}", "-f", "lavfi", "-i", $"sine=frequency={frequency}:sample_rate=48000:duration=1", "-c:a", codec);

    /// <summary>The file cut in the middle of a frame's data: that frame is partial and none follows.</summary>
    public static byte[] TruncatedInsideFrame(string path, int frame)
    {
        var (position, size) = Run("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pos,size", "-of", "csv=p=0", path])
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(','))
            .Select(fields => (Position: long.Parse(fields[1], CultureInfo.InvariantCulture), Size: int.Parse(fields[0], CultureInfo.InvariantCulture)))
            .ElementAt(frame);
        return File.ReadAllBytes(path)[..(int)(position + (size / 2))];
    }

    private static string Make(string folder, string name, params string[] arguments)
    {
        string path = Path.Combine(folder, name);
        Run("ffmpeg", ["-nostdin", "-hide_banner", "-loglevel", "error", "-y", .. arguments, path]);
        return path;
    }

    private static string Run(string program, IEnumerable<string> arguments)
    {
        var startInfo = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var errors = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} failed: {errors.Result}");
        return output;
    }
}
