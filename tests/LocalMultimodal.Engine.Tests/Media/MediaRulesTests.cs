using LocalMultimodal.Errors;
using LocalMultimodal.Media;

namespace LocalMultimodal.Tests.Media;

/// <summary>The media rules every surface shares; the chat client's and the server's tests refuse the same inputs.</summary>
public sealed class MediaRulesTests
{
    private static readonly EngineCapabilities VisionAndAudio = new(
        "test", new HashSet<MediaModality> { MediaModality.Image, MediaModality.Audio }, 2048, 4, 16000,
        new Dictionary<MediaModality, int> { [MediaModality.Image] = 2 });

    [Theory]
    [InlineData("a")]
    [InlineData("img-1")]
    [InlineData("sha256:0f3a/b+c=d@e_f.g")]
    [InlineData("3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [InlineData(256)]
    public void GoodUuids_AreValid(object uuid) => Assert.True(MediaRules.IsValidUuid(Text(uuid)));

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("caf\u00e9")]
    [InlineData("line\nbreak")]
    [InlineData("semi;colon")]
    [InlineData(257)]
    public void BadUuids_AreRefused_OnEveryMediaFactory(object uuid)
    {
        string text = Text(uuid);
        Assert.False(MediaRules.IsValidUuid(text));

        var errors = new[]
        {
            Assert.Throws<InvalidRequestException>(() => ImageInput.FromEncoded(new byte[] { 1 }, text)),
            Assert.Throws<InvalidRequestException>(() => AudioInput.FromSamples(new float[16], 16000, text)),
            Assert.Throws<InvalidRequestException>(() => VideoInput.FromEncoded(new byte[] { 1 }, text)),
            Assert.Throws<InvalidRequestException>(() => MediaRules.CheckUuid(text)),
        };

        Assert.All(errors, e => Assert.Equal(("invalid_uuid", "uuid", $"uuid: {MediaRules.UuidRequirement}."), (e.Code, e.Param, e.Message)));
    }

    [Fact]
    public void NoUuid_IsAllowed() => Assert.Null(MediaRules.CheckUuid(null));

    [Theory]
    [InlineData("image/png", MediaModality.Image)]
    [InlineData("IMAGE/JPEG", MediaModality.Image)]
    [InlineData("audio/ogg; codecs=opus", MediaModality.Audio)]
    [InlineData("video/mp4", MediaModality.Video)]
    [InlineData("application/pdf", null)]
    [InlineData("image", null)]
    [InlineData("/png", null)]
    [InlineData(null, null)]
    public void ModalityOf_ReadsTheTopLevelType(string? mediaType, MediaModality? expected) =>
        Assert.Equal(expected, MediaRules.ModalityOf(mediaType));

    [Theory]
    [InlineData("audio/ogg; codecs=opus", "ogg")]
    [InlineData("audio/MPEG", "mpeg")]
    [InlineData("video/webm;codecs=\"vp8, vorbis\"", "webm")]
    [InlineData("audio/wav", "wav")]
    [InlineData("audio/", null)]
    [InlineData("audio/;codecs=opus", null)]
    [InlineData("wav", null)]
    [InlineData(null, null)]
    public void FormatHintOf_IsTheSubtypeWithoutParameters(string? mediaType, string? expected) =>
        Assert.Equal(expected, MediaRules.FormatHintOf(mediaType));

    [Fact]
    public void AModalityTheModelLacks_IsRefusedNamingTheItem()
    {
        var error = Assert.Throws<InvalidRequestException>(
            () => MediaRules.CheckPerPrompt([MediaModality.Image, MediaModality.Video], VisionAndAudio, i => $"messages[0].content[{i}]"));

        Assert.Equal(("modality_not_supported", "messages[0].content[1]"), (error.Code, error.Param));
        Assert.Equal("This model cannot take video: it accepts text, image, audio.", error.Message);
    }

    [Fact]
    public void MoreItemsThanTheLimit_AreRefusedNamingTheModality()
    {
        MediaRules.CheckPerPrompt([MediaModality.Image, MediaModality.Audio, MediaModality.Audio, MediaModality.Image], VisionAndAudio);

        var error = Assert.Throws<InvalidRequestException>(
            () => MediaRules.CheckPerPrompt([MediaModality.Image, MediaModality.Image, MediaModality.Image], VisionAndAudio, i => $"item {i}"));

        Assert.Equal(("too_many_media", "image"), (error.Code, error.Param));
        Assert.Contains("has 3 image items, but at most 2", error.Message);
    }

    private static string Text(object uuid) => uuid as string ?? new string('u', (int)uuid);
}
