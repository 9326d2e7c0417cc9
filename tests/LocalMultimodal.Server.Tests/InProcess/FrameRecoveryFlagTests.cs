using System.Net;
using LocalMultimodal.Server.Hosting;
using LocalMultimodal.Server.Tests.Infrastructure;
using static LocalMultimodal.Server.Tests.Infrastructure.DemoServer;

namespace LocalMultimodal.Server.Tests.InProcess;

/// <summary>
/// <c>--media-io-kwargs '{"video":{"frame_recovery":true}}'</c>: a video cut short inside a sampled frame is refused
/// without it and answered from the frames that decode with it.
/// </summary>
public sealed class FrameRecoveryFlagTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("lmm-frame-recovery-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public async Task TruncatedVideo_IsRefusedWithoutFrameRecovery_AndAnsweredWithIt()
    {
        // 30 frames, 4 sampled: 0, 9, 19 and 29. Cut inside frame 25, the last target's window holds no frame.
        string path = FfmpegMedia.SolidAvi(folder.FullName, "red");
        string truncated = DataUrls.Of(FfmpegMedia.TruncatedInsideFrame(path, 25), "video/x-msvideo");
        var flags = ServerCommandLine.Parse(["--media-io-kwargs", $$$"""{"video":{"num_frames":{{{NumFrames}}},"frame_recovery":true}}"""], _ => null);
        await using var strict = await DemoServer.StartAsync();
        await using var recovering = await DemoServer.StartAsync(o => o.MediaIo = flags.MediaIo);

        var refused = await strict.Client.PostChatAsync(Ask(VideoUrl(truncated)));
        var recovered = await recovering.Client.PostChatAsync(Ask(VideoUrl(truncated)));

        var error = await refused.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_video");
        Assert.Contains("frame_recovery", (string?)error["message"]);
        var (text, imageTokens) = await recovered.AnswerAsync();
        Assert.Equal("red", text);
        Assert.InRange(imageTokens, TokensPerFrame, (NumFrames - 1) * TokensPerFrame);
    }
}
