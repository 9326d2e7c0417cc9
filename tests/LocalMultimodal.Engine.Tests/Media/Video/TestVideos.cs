namespace LocalMultimodal.Tests.Media.Video;

/// <summary>
/// Test videos made with ffmpeg: 64x48, 10 fps, 30 frames, frame N a solid colour whose red is
/// 8 * N, so every decoded frame says which one it is.
/// </summary>
internal static class TestVideos
{
    public const int FrameCount = 30;

    private const string Source = "nullsrc=s=64x48:r=10:d=3,format=rgb24,geq=r='N*8':g='255-N*8':b=128";

    /// <summary>Encodes the numbered frames into <paramref name="container"/> (mp4, webm, mkv or avi) and returns the path.</summary>
    public static string Numbered(TempFolder folder, string container)
    {
        string path = folder.File($"numbered.{container}");
        string[] codec = container switch
        {
            "mp4" => ["-c:v", "libx264", "-pix_fmt", "yuv420p", "-movflags", "+faststart"],
            "webm" => ["-c:v", "libvpx-vp9", "-pix_fmt", "yuv420p", "-b:v", "1M"],
            "mkv" => ["-c:v", "libx264", "-pix_fmt", "yuv444p"],
            "avi" => ["-c:v", "mjpeg", "-q:v", "2"],
            _ => throw new ArgumentOutOfRangeException(nameof(container)),
        };
        Ffmpeg.Run(["-f", "lavfi", "-i", Source, .. codec, path]);
        return path;
    }

    /// <summary>Which numbered frame an RGB24 frame is, read from its centre pixel's red.</summary>
    public static int FrameNumber(int width, int height, byte[] rgb)
    {
        int centre = (((height / 2) * width) + (width / 2)) * 3;
        return (int)Math.Round(rgb[centre] / 8.0);
    }
}
