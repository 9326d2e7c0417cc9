using System.Net;
using System.Net.Sockets;
using LocalMultimodal.Errors;
using LocalMultimodal.Media;

namespace LocalMultimodal.Tests.Media.Video;

public sealed class VideoPreparerTests
{
    private static readonly ImageMediaOptions ImageOptions = new();
    private static readonly int[] EightOfThirty = [0, 4, 8, 12, 16, 20, 24, 29];

    private static Task<IReadOnlyList<PreparedImage>> Prepare(byte[] bytes, TempFolder temp, VideoMediaOptions? options = null, ImageMediaOptions? imageOptions = null, CancellationToken cancellationToken = default) =>
        VideoDecoder.DecodeAsync(bytes, options ?? new VideoMediaOptions(), imageOptions ?? ImageOptions, temp.Path, null, cancellationToken);

    private static int[] Numbers(IReadOnlyList<PreparedImage> frames) =>
        frames.Select(f => TestVideos.FrameNumber(f.Width, f.Height, f.Rgb)).ToArray();

    [Theory]
    [InlineData("mp4")]
    [InlineData("webm")]
    [InlineData("mkv")]
    [InlineData("avi")]
    public async Task EncodedVideo_GivesUniformlySampledFramesInOrder(string container)
    {
        using var media = new TempFolder();
        using var temp = new TempFolder();
        byte[] bytes = File.ReadAllBytes(TestVideos.Numbered(media, container));

        IReadOnlyList<PreparedImage> frames = await Prepare(bytes, temp);

        Assert.All(frames, f => Assert.Equal((64, 48), (f.Width, f.Height)));
        Assert.Equal(EightOfThirty, Numbers(frames));
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public async Task NumFrames_SetsTheSampleCount()
    {
        using var media = new TempFolder();
        using var temp = new TempFolder();
        byte[] bytes = File.ReadAllBytes(TestVideos.Numbered(media, "avi"));

        IReadOnlyList<PreparedImage> frames = await Prepare(bytes, temp, new VideoMediaOptions { NumFrames = 4 });

        Assert.Equal([0, 9, 19, 29], Numbers(frames));
    }

    /// <summary>vLLM's fps: three seconds at one frame per second is three frames, spread like num_frames 3.</summary>
    [Theory]
    [InlineData(1.0, new[] { 0, 14, 29 })]
    [InlineData(0.1, new[] { 0 })]
    [InlineData(100.0, new[] { 0, 4, 8, 12, 16, 20, 24, 29 })]
    public async Task Fps_LowersTheSampleCountToDurationTimesFps(double fps, int[] expected)
    {
        using var media = new TempFolder();
        using var temp = new TempFolder();
        byte[] bytes = File.ReadAllBytes(TestVideos.Numbered(media, "avi"));

        IReadOnlyList<PreparedImage> frames = await Prepare(bytes, temp, new VideoMediaOptions { Fps = fps });

        Assert.Equal(expected, Numbers(frames));
    }

    /// <summary>Each decoded frame keeps its time from the first frame (10 fps here), which the Qwen-VL layout writes as timestamps.</summary>
    [Fact]
    public async Task DecodedFrames_CarryTheirTimeInTheVideo()
    {
        using var media = new TempFolder();
        using var temp = new TempFolder();
        byte[] bytes = File.ReadAllBytes(TestVideos.Numbered(media, "mkv"));

        IReadOnlyList<PreparedImage> frames = await Prepare(bytes, temp, new VideoMediaOptions { NumFrames = 4 });

        Assert.Equal([0.0, 0.9, 1.9, 2.9], frames.Select(f => Math.Round(f.Seconds!.Value, 3)));
    }

    [Fact]
    public async Task FrameList_IsSampledLikeADecodedVideo()
    {
        var list = Enumerable.Range(0, TestVideos.FrameCount).Select(SolidFrame).ToList();

        IReadOnlyList<PreparedImage> frames = await VideoPreparer.PrepareAsync(VideoInput.FromFrames(list), new VideoMediaOptions(), ImageOptions, CancellationToken.None);

        Assert.Equal(EightOfThirty, Numbers(frames));
    }

    [Fact]
    public async Task FrameList_ShorterThanNumFrames_KeepsEveryFrame()
    {
        var list = Enumerable.Range(0, 5).Select(SolidFrame).ToList();

        IReadOnlyList<PreparedImage> frames = await VideoPreparer.PrepareAsync(VideoInput.FromFrames(list), new VideoMediaOptions(), ImageOptions, CancellationToken.None);

        Assert.Equal([0, 1, 2, 3, 4], Numbers(frames));
    }

    // Each limit is checked on a file whose frames would also fail to decode: the limit's code
    // proves the refusal came from the probe, before decoding.
    [Theory]
    [InlineData("duration", "video_too_long")]
    [InlineData("frames", "video_too_long")]
    [InlineData("width", "video_too_large")]
    [InlineData("pixels", "video_too_large")]
    public async Task Limits_AreRefusedBeforeDecoding(string limit, string code)
    {
        using var media = new TempFolder();
        using var temp = new TempFolder();
        byte[] bytes = Damage.ZeroFrames(TestVideos.Numbered(media, "avi"), 0, 12);
        var options = new VideoMediaOptions();
        var imageOptions = new ImageMediaOptions();
        switch (limit)
        {
            case "duration": options.MaxDurationSeconds = 2.5; break;
            case "frames": options.MaxFrames = 29; break;
            case "width": imageOptions.MaxWidth = 63; break;
            default: imageOptions.MaxPixels = (64 * 48) - 1; break;
        }

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => Prepare(bytes, temp, options, imageOptions));

        Assert.Equal(code, error.Code);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public async Task Limits_ExactlyAtTheLimit_AreAccepted()
    {
        using var media = new TempFolder();
        using var temp = new TempFolder();
        byte[] bytes = File.ReadAllBytes(TestVideos.Numbered(media, "avi"));
        var options = new VideoMediaOptions { MaxDurationSeconds = 3, MaxFrames = 30 };

        IReadOnlyList<PreparedImage> frames = await Prepare(bytes, temp, options, new ImageMediaOptions { MaxWidth = 64, MaxHeight = 48, MaxPixels = 64 * 48 });

        Assert.Equal(8, frames.Count);
    }

    [Fact]
    public async Task CorruptTargetFrame_WithoutRecovery_IsAClearError()
    {
        using var media = new TempFolder();
        using var temp = new TempFolder();
        byte[] bytes = Damage.ZeroFrames(TestVideos.Numbered(media, "avi"), 12, 13);

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => Prepare(bytes, temp));

        Assert.Equal("invalid_video", error.Code);
        Assert.Contains("Frame 12", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("JPEG", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public async Task CorruptTargetFrame_WithRecovery_UsesTheNextGoodFrameBeforeTheNextTarget()
    {
        using var media = new TempFolder();
        using var temp = new TempFolder();
        byte[] bytes = Damage.ZeroFrames(TestVideos.Numbered(media, "avi"), 12, 13, 20, 21, 22, 23);

        IReadOnlyList<PreparedImage> frames = await Prepare(bytes, temp, new VideoMediaOptions { FrameRecovery = true });

        // 12 and 13 are broken: 14 stands in. 20 to 23 are broken, and 24 is the next target: dropped.
        Assert.Equal([0, 4, 8, 14, 16, 24, 29], Numbers(frames));
    }

    [Fact]
    public async Task TruncatedTail_WithoutRecovery_IsAClearError()
    {
        using var media = new TempFolder();
        using var temp = new TempFolder();
        byte[] bytes = Damage.TruncateInside(TestVideos.Numbered(media, "avi"), 25);

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => Prepare(bytes, temp));

        Assert.Equal("invalid_video", error.Code);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public async Task TruncatedTail_WithRecovery_KeepsTheFramesThatDecode()
    {
        using var media = new TempFolder();
        using var temp = new TempFolder();

        // 26 packets remain, the last one partial: the targets are linspace(0, 25, 8) and 25 cannot decode.
        byte[] bytes = Damage.TruncateInside(TestVideos.Numbered(media, "avi"), 25);

        IReadOnlyList<PreparedImage> frames = await Prepare(bytes, temp, new VideoMediaOptions { FrameRecovery = true });

        Assert.Equal([0, 3, 7, 10, 14, 17, 21], Numbers(frames));
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07 })]
    [InlineData(new byte[] { 0x1A, 0x45, 0xDF, 0xA3, 0x00, 0x00, 0x00, 0x00, 0x00 })]
    public async Task UnreadableBytes_AreInvalidVideo(byte[] bytes)
    {
        using var temp = new TempFolder();

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => Prepare(bytes, temp));

        Assert.Equal("invalid_video", error.Code);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public async Task Timeout_KillsFfmpeg_AndDeletesTheTempFile()
    {
        using var media = new TempFolder();
        using var temp = new TempFolder();
        byte[] bytes = File.ReadAllBytes(TestVideos.Numbered(media, "mp4"));
        int? decoder = null;

        // The decoder is frozen (SIGSTOP) as soon as it starts, so it outlives any timeout however fast or loaded the
        // machine is; only the timeout's kill can end it.
        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => VideoDecoder.DecodeAsync(
            bytes, new VideoMediaOptions { DecodeTimeout = TimeSpan.FromSeconds(2) }, ImageOptions, temp.Path, id => Ffmpeg.Freeze(decoder = id), CancellationToken.None));

        Assert.Equal("media_decode_timeout", error.Code);
        Assert.NotNull(decoder);
        Assert.Empty(Ffmpeg.ProcessesMentioning(temp.Path));
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public async Task Cancellation_KillsFfmpeg_AndDeletesTheTempFile()
    {
        using var media = new TempFolder();
        using var temp = new TempFolder();
        byte[] bytes = File.ReadAllBytes(TestVideos.Numbered(media, "mp4"));
        using var cancellation = new CancellationTokenSource();

        // Frozen, the decoder is still running when the cancellation comes, and the default 30 s timeout is far off.
        Task<IReadOnlyList<PreparedImage>> task = VideoDecoder.DecodeAsync(
            bytes, new VideoMediaOptions(), ImageOptions, temp.Path, id =>
            {
                Ffmpeg.Freeze(id);
                cancellation.CancelAfter(200);
            },
            cancellation.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
        Assert.Empty(Ffmpeg.ProcessesMentioning(temp.Path));
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    // With file allowed by the protocol whitelist, a playlist could still make ffmpeg open another
    // local file or a URL; the demuxer whitelist keeps playlists from being opened at all.
    [Theory]
    [InlineData("hls-file")]
    [InlineData("hls-url")]
    [InlineData("concat")]
    public async Task PlaylistBytes_NeverMakeFfmpegReadAnythingElse(string kind)
    {
        using var media = new TempFolder();
        using var temp = new TempFolder();
        string target = TestVideos.Numbered(media, "mp4");
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            string url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/video.mp4";
            string playlist = kind switch
            {
                "hls-file" => $"#EXTM3U\n#EXT-X-TARGETDURATION:3\n#EXTINF:3,\n{target}\n#EXT-X-ENDLIST\n",
                "hls-url" => $"#EXTM3U\n#EXT-X-TARGETDURATION:3\n#EXTINF:3,\n{url}\n#EXT-X-ENDLIST\n",
                _ => $"ffconcat version 1.0\nfile {target}\n",
            };

            var error = await Assert.ThrowsAsync<InvalidRequestException>(() => Prepare(System.Text.Encoding.UTF8.GetBytes(playlist), temp));

            Assert.Equal("invalid_video", error.Code);
            Assert.False(listener.Pending());
            Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
        }
        finally
        {
            listener.Stop();
        }
    }

    private static ImageInput SolidFrame(int number)
    {
        var rgb = new byte[16 * 8 * 3];
        for (int i = 0; i < rgb.Length; i += 3)
        {
            rgb[i] = (byte)(number * 8);
            rgb[i + 1] = (byte)(255 - (number * 8));
            rgb[i + 2] = 128;
        }

        return ImageInput.FromPixels(16, 8, PixelFormat.Rgb24, rgb);
    }
}
