using LocalMultimodal.Errors;
using Microsoft.Extensions.AI;

namespace LocalMultimodal.AI.Tests.MediaKinds;

/// <summary>Audio of any type ffmpeg decodes, as <c>DataContent</c> or <c>UriContent</c>: a 3 kHz tone is heard as "high".</summary>
[Collection(DemoEngineCollection.Name)]
public sealed class CompressedAudioContentTests(DemoEngineFixture fixture)
{
    [Theory]
    [InlineData("mp3", "audio/mpeg")]
    [InlineData("flac", "audio/flac")]
    [InlineData("ogg", "audio/ogg; codecs=opus")]
    public async Task DataContentAudio_InACompressedFormat_IsHeard(string container, string mediaType)
    {
        Assert.Equal("high", (await fixture.Client.AskAsync(new DataContent(fixture.HighTones[container], mediaType))).Text);
    }

    [Theory]
    [InlineData("mp3", "audio/mpeg")]
    [InlineData("flac", "audio/flac")]
    [InlineData("ogg", "audio/ogg")]
    public async Task UriContentAudio_InACompressedFormat_IsFetchedAndHeard(string container, string mediaType)
    {
        Assert.Equal("high", (await fixture.Client.AskAsync(new UriContent(fixture.HighToneUrl(container), mediaType))).Text);
    }

    [Fact]
    public async Task DataContentAudio_DeclaredAsAnotherFormat_IsDecodedByItsContent()
    {
        Assert.Equal("high", (await fixture.Client.AskAsync(new DataContent(fixture.HighTones["flac"], "audio/mpeg"))).Text);
    }

    [Fact]
    public async Task UndecodableAudio_IsAnInvalidAudio()
    {
        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => fixture.Client.AskAsync(new DataContent("no audio here"u8.ToArray(), "audio/mpeg")));

        Assert.Equal("invalid_audio", error.Code);
    }
}
