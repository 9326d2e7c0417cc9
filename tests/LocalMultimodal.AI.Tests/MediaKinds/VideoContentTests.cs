using LocalMultimodal.Errors;
using LocalMultimodal.Media;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static LocalMultimodal.AI.Tests.MediaKinds.DemoEngineFixture;

namespace LocalMultimodal.AI.Tests.MediaKinds;

/// <summary>Video as <c>DataContent</c>, <c>UriContent</c>, frames or a reference: answered by its colour, its frames counted as image tokens.</summary>
[Collection(DemoEngineCollection.Name)]
public sealed class VideoContentTests(DemoEngineFixture fixture)
{
    private const long VideoTokens = NumFrames * TokensPerFrame;

    private IChatClient Client => fixture.Client;

    [Fact]
    public async Task DataContentVideo_FromBytes_IsAnsweredByItsColour()
    {
        Assert.Equal(("red", VideoTokens), await Client.AskAsync(new DataContent(fixture.RedMp4, "video/mp4")));
    }

    [Fact]
    public async Task DataContentVideo_FromADataUri_IsAnsweredByItsColour()
    {
        var content = new DataContent($"data:video/mp4;base64,{Convert.ToBase64String(fixture.RedMp4)}");

        Assert.Equal(("red", VideoTokens), await Client.AskAsync(content));
    }

    [Fact]
    public async Task UriContentVideo_OverHttp_IsFetchedAndAnswered()
    {
        Assert.Equal(("blue", VideoTokens), await Client.AskAsync(new UriContent(fixture.BlueVideoUrl, "video/mp4")));
    }

    [Fact]
    public async Task UriContentVideo_AsAFileUrl_BelowTheAllowedFolder_IsRead()
    {
        Assert.Equal(("green", VideoTokens), await Client.AskAsync(new UriContent(new Uri(fixture.LimeVideoPath), "video/mp4")));
    }

    [Fact]
    public async Task VideoFrames_AsMediaInputContent_AreSampledLikeAVideo()
    {
        var frames = Enumerable.Range(0, 10).Select(_ => ImageInput.FromPixels(32, 32, PixelFormat.Rgb24, Solid(32, 32, 0, 0, 255))).ToList();

        Assert.Equal(("blue", VideoTokens), await Client.AskAsync(new MediaInputContent(VideoInput.FromFrames(frames))));
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(100, NumFrames)]
    public async Task NumFramesProperty_SetsTheFramesSampled_UpToTheEnginesSetting(int asked, int sampled)
    {
        var content = new DataContent(fixture.RedMp4, "video/mp4") { AdditionalProperties = new() { [LocalMultimodalPropertyNames.NumFrames] = asked } };

        Assert.Equal(("red", sampled * TokensPerFrame), await Client.AskAsync(content));
    }

    [Fact]
    public async Task NumFramesProperty_ThatIsNotAPositiveNumber_IsRefusedNamingIt()
    {
        var content = new DataContent(fixture.RedMp4, "video/mp4") { AdditionalProperties = new() { [LocalMultimodalPropertyNames.NumFrames] = 0 } };

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => Client.AskAsync(content));

        Assert.Equal(LocalMultimodalPropertyNames.NumFrames, error.Param);
    }

    /// <summary>The red video lasts two seconds: at 1 fps that is two frames.</summary>
    [Fact]
    public async Task FpsProperty_LowersTheFramesSampled()
    {
        var content = new DataContent(fixture.RedMp4, "video/mp4") { AdditionalProperties = new() { [LocalMultimodalPropertyNames.Fps] = 1.0 } };

        Assert.Equal(("red", 2 * TokensPerFrame), await Client.AskAsync(content));
    }

    [Theory]
    [InlineData(0)]
    [InlineData("1")]
    public async Task FpsProperty_ThatIsNotAPositiveNumber_IsRefusedNamingIt(object fps)
    {
        var content = new DataContent(fixture.RedMp4, "video/mp4") { AdditionalProperties = new() { [LocalMultimodalPropertyNames.Fps] = fps } };

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => Client.AskAsync(content));

        Assert.Equal(LocalMultimodalPropertyNames.Fps, error.Param);
    }

    [Fact]
    public async Task MoreVideosThanTheLimit_FailNamingTheModality()
    {
        var error = await Assert.ThrowsAsync<InvalidRequestException>(
            () => Client.AskAsync(new DataContent(fixture.RedMp4, "video/mp4"), new DataContent(fixture.RedMp4, "video/mp4")));

        Assert.Equal(("too_many_media", "video"), (error.Code, error.Param));
        Assert.Contains("at most 1", error.Message);
    }

    [Fact]
    public async Task CorruptVideo_IsAnInvalidVideo_AndTheClientKeepsAnswering()
    {
        byte[] corrupt = [.. fixture.RedMp4.AsSpan(0, 64), .. new byte[4096]];

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => Client.AskAsync(new DataContent(corrupt, "video/mp4")));

        Assert.Equal("invalid_video", error.Code);
        Assert.Equal("red", (await Client.AskAsync(new DataContent(fixture.RedMp4, "video/mp4"))).Text);
    }

    [Fact]
    public async Task TruncatedVideo_IsRefusedWithoutFrameRecovery_AndAnsweredWithItSetInTheClientOptions()
    {
        // 30 frames, 4 sampled: 0, 9, 19 and 29. Cut inside frame 25, the last target's window holds no frame.
        var truncated = new DataContent(FfmpegMedia.TruncatedInsideFrame(fixture.RedAviPath, 25), "video/x-msvideo");
        var options = fixture.EngineOptions();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LocalMultimodal:Engine:ModelPath"] = options.ModelPath,
            ["LocalMultimodal:Engine:ProjectorPath"] = options.ProjectorPath,
            ["LocalMultimodal:Engine:Threads"] = "2",
            ["LocalMultimodal:Engine:Media:Video:NumFrames"] = $"{NumFrames}",
            ["LocalMultimodal:Engine:Media:Video:FrameRecovery"] = "true",
            ["LocalMultimodal:LoadAtStartup"] = "false",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddLocalMultimodalChatClient(configuration.GetSection("LocalMultimodal"));
        await using var provider = services.BuildServiceProvider();

        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => Client.AskAsync(truncated));
        var (text, imageTokens) = await provider.GetRequiredService<IChatClient>().AskAsync(truncated);

        Assert.Equal("invalid_video", refused.Code);
        Assert.Contains("frame_recovery", refused.Message);
        Assert.Equal("red", text);
        Assert.InRange(imageTokens, TokensPerFrame, (NumFrames - 1) * TokensPerFrame);
    }

    [Fact]
    public async Task MediaReferenceContentVideo_AfterTheVideoWasSent_IsAnsweredFromTheCache()
    {
        string uuid = $"clip-{Guid.NewGuid():N}";
        var first = await Client.AskAsync(new UriContent(fixture.BlueVideoUrl, "video/mp4").WithMediaUuid(uuid));

        var again = await Client.AskAsync(MediaReferenceContent.Video(uuid));

        Assert.Equal(("blue", VideoTokens), first);
        Assert.Equal(first, again);
    }

    [Fact]
    public async Task MediaReferenceContentVideo_NeverSent_FailsNamingTheUuid()
    {
        var error = await Assert.ThrowsAsync<CacheMissException>(() => Client.AskAsync(MediaReferenceContent.Video("never-sent-video")));

        Assert.Equal("never-sent-video", error.Uuid);
    }

    private static byte[] Solid(int width, int height, byte r, byte g, byte b) =>
        [.. Enumerable.Range(0, width * height).SelectMany(_ => new[] { r, g, b })];
}
