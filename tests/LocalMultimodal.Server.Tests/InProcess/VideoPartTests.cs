using System.Net;
using System.Text.Json.Nodes;
using LocalMultimodal.Server.Tests.Infrastructure;
using static LocalMultimodal.Server.Tests.Infrastructure.Api;
using static LocalMultimodal.Server.Tests.Infrastructure.DemoServer;

namespace LocalMultimodal.Server.Tests.InProcess;

/// <summary><c>video_url</c> parts on the demo model: each video is answered by its colour, its frames counted as image tokens.</summary>
[Collection(DemoServerCollection.Name)]
public sealed class VideoPartTests(DemoServerFixture fixture)
{
    private const int VideoTokens = NumFrames * TokensPerFrame;

    [Fact]
    public async Task VideoByDataUrl_IsAnsweredByItsColour_WithItsFramesAsImageTokens()
    {
        var response = await fixture.Client.PostChatAsync(Ask(VideoUrl(DataUrls.Of(fixture.RedMp4, "video/mp4")), Text("What colour is this?")));

        Assert.Equal(("red", VideoTokens), await response.AnswerAsync());
    }

    [Fact]
    public async Task VideoByHttpUrl_IsFetchedFromTheMediaServer()
    {
        var response = await fixture.Client.PostChatAsync(Ask(VideoUrl(fixture.Media.Url("blue.mp4"))));

        Assert.Equal(("blue", VideoTokens), await response.AnswerAsync());
        Assert.Contains("/blue.mp4", fixture.Media.Requests);
    }

    [Fact]
    public async Task VideoByFileUrl_BelowTheAllowedFolder_IsRead()
    {
        var response = await fixture.Client.PostChatAsync(Ask(VideoUrl(fixture.FileUrl("lime.mp4"))));

        Assert.Equal(("green", VideoTokens), await response.AnswerAsync());
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(1, 1)]
    [InlineData(100, NumFrames)]
    public async Task RequestNumFrames_SetsTheFramesSampled_UpToTheServersSetting(int asked, int sampled)
    {
        var request = Ask(VideoUrl(DataUrls.Of(fixture.RedMp4, "video/mp4")))
            .With("media_io_kwargs", new JsonObject { ["video"] = new JsonObject { ["num_frames"] = asked } });

        Assert.Equal(("red", sampled * TokensPerFrame), await (await fixture.Client.PostChatAsync(request)).AnswerAsync());
    }

    /// <summary>vLLM's fps: the red video lasts two seconds, so 1 fps is two frames, and num_frames still caps it.</summary>
    [Theory]
    [InlineData("""{"video":{"fps":1}}""", 2)]
    [InlineData("""{"video":{"fps":1.5,"num_frames":2}}""", 2)]
    [InlineData("""{"video":{"fps":0.4}}""", 1)]
    public async Task RequestFps_LowersTheFramesSampled(string kwargs, int sampled)
    {
        var request = Ask(VideoUrl(DataUrls.Of(fixture.RedMp4, "video/mp4"))).With("media_io_kwargs", JsonNode.Parse(kwargs));

        Assert.Equal(("red", sampled * TokensPerFrame), await (await fixture.Client.PostChatAsync(request)).AnswerAsync());
    }

    [Theory]
    [InlineData("""{"video":{"fps":0}}""", "media_io_kwargs.video.fps")]
    [InlineData("""{"video":{"fps":"2"}}""", "media_io_kwargs.video.fps")]
    [InlineData("""{"video":{"num_frames":0}}""", "media_io_kwargs.video.num_frames")]
    [InlineData("""{"video":{"num_frames":"8"}}""", "media_io_kwargs.video.num_frames")]
    [InlineData("""{"video":{"frame_recovery":true}}""", "media_io_kwargs.video.frame_recovery")]
    [InlineData("""{"image":{"rgba_background_color":[0,0,0]}}""", "media_io_kwargs.image.rgba_background_color")]
    [InlineData("""{"video":4}""", "media_io_kwargs.video")]
    [InlineData("""[1]""", "media_io_kwargs")]
    public async Task BadRequestMediaIoKwargs_AreRefusedNamingTheKey(string kwargs, string key)
    {
        var request = Ask(VideoUrl(DataUrls.Of(fixture.RedMp4, "video/mp4"))).With("media_io_kwargs", JsonNode.Parse(kwargs));

        var error = await (await fixture.Client.PostChatAsync(request)).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_media_io_kwargs", key);

        Assert.Contains(key, (string?)error["message"]);
    }

    [Fact]
    public async Task MoreVideosThanTheLimit_AreRefusedNamingTheModality_BeforeAnythingIsFetched()
    {
        int before = fixture.Media.Requests.Count;

        var response = await fixture.Client.PostChatAsync(Ask(VideoUrl(fixture.Media.Url("blue.mp4")), VideoUrl(fixture.Media.Url("blue.mp4"))));

        var error = await response.AssertErrorAsync(HttpStatusCode.BadRequest, "too_many_media", "video");
        Assert.Contains("2 video items", (string?)error["message"]);
        Assert.Contains("at most 1", (string?)error["message"]);
        Assert.Equal(before, fixture.Media.Requests.Count);
    }

    [Fact]
    public async Task OneVideoBesideTwoImages_CountsOnceAgainstTheVideoLimit()
    {
        var request = Ask(VideoUrl(DataUrls.Of(fixture.RedMp4, "video/mp4")), ImageUrl(DataUrls.Png(ColourImages.SolidPng(32, 32, 255, 0, 0))), ImageUrl(DataUrls.Png(ColourImages.SolidPng(32, 32, 255, 0, 0))));

        Assert.Equal(("red", VideoTokens + (2 * TokensPerFrame)), await (await fixture.Client.PostChatAsync(request)).AnswerAsync());
    }

    [Fact]
    public async Task CorruptVideo_IsAnInvalidVideo400_AndTheServerKeepsServing()
    {
        byte[] corrupt = [.. fixture.RedMp4.AsSpan(0, 64), .. new byte[4096]];

        var response = await fixture.Client.PostChatAsync(Ask(VideoUrl(DataUrls.Of(corrupt, "video/mp4"))));

        var error = await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_video");
        Assert.DoesNotContain("ffmpeg", (string?)error["message"], StringComparison.OrdinalIgnoreCase);
        Assert.Equal("red", (await (await fixture.Client.PostChatAsync(Ask(VideoUrl(DataUrls.Of(fixture.RedMp4, "video/mp4"))))).AnswerAsync()).Text);
    }

    [Fact]
    public async Task UuidOnlyVideo_AfterTheVideoWasSent_IsAnsweredFromTheCache()
    {
        string uuid = $"clip-{Guid.NewGuid():N}";
        var first = await (await fixture.Client.PostChatAsync(Ask(VideoUrl(fixture.Media.Url("blue.mp4"), uuid)))).AnswerAsync();
        int fetches = fixture.Media.Requests.Count;

        var again = await (await fixture.Client.PostChatAsync(Ask(Part("video_url", null, uuid), Text("Again?")))).AnswerAsync();

        Assert.Equal(("blue", VideoTokens), first);
        Assert.Equal(first, again);
        Assert.Equal(fetches, fixture.Media.Requests.Count);
    }

    [Fact]
    public async Task UuidOnlyVideo_NeverSent_FailsNamingTheUuid()
    {
        var response = await fixture.Client.PostChatAsync(Ask(Part("video_url", null, "never-sent-video")));

        var error = await response.AssertErrorAsync(HttpStatusCode.BadRequest, "media_cache_miss");
        Assert.Contains("never-sent-video", (string?)error["message"]);
    }
}
