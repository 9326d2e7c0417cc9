using System.Net;
using LocalMultimodal.Server.Tests.Infrastructure;
using static LocalMultimodal.Server.Tests.Infrastructure.Api;
using static LocalMultimodal.Server.Tests.Infrastructure.DemoServer;

namespace LocalMultimodal.Server.Tests.InProcess;

/// <summary>Audio in any format ffmpeg decodes, by <c>input_audio</c> and <c>audio_url</c>: a 3 kHz tone is heard as "high".</summary>
[Collection(DemoServerCollection.Name)]
public sealed class CompressedAudioPartTests(DemoServerFixture fixture)
{
    [Theory]
    [InlineData("mp3")]
    [InlineData("flac")]
    [InlineData("ogg")]
    public async Task InputAudio_InACompressedFormat_IsHeard(string format)
    {
        var response = await fixture.Client.PostChatAsync(Ask(InputAudio(fixture.HighTones[format], format), Text("What is this sound?")));

        Assert.Equal("high", (await response.AnswerAsync()).Text);
    }

    [Theory]
    [InlineData("mp3")]
    [InlineData("flac")]
    [InlineData("ogg")]
    public async Task AudioUrl_OfACompressedType_IsFetchedAndHeard(string format)
    {
        var response = await fixture.Client.PostChatAsync(Ask(AudioUrl(fixture.Media.Url($"high.{format}"))));

        Assert.Equal("high", (await response.AnswerAsync()).Text);
    }

    [Fact]
    public async Task AudioUrl_AsADataUrl_IsHeard()
    {
        var response = await fixture.Client.PostChatAsync(Ask(AudioUrl(DataUrls.Of(fixture.HighTones["mp3"], "audio/mpeg"))));

        Assert.Equal("high", (await response.AnswerAsync()).Text);
    }

    [Fact]
    public async Task InputAudio_WithAWrongFormat_IsDecodedByItsContent()
    {
        var response = await fixture.Client.PostChatAsync(Ask(InputAudio(fixture.HighTones["flac"], "mp3")));

        Assert.Equal("high", (await response.AnswerAsync()).Text);
    }

    [Fact]
    public async Task UndecodableAudio_IsAnInvalidAudio400_AndTheServerKeepsServing()
    {
        var response = await fixture.Client.PostChatAsync(Ask(InputAudio("not audio at all, just text"u8.ToArray(), "mp3")));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_audio");
        Assert.Equal("high", (await (await fixture.Client.PostChatAsync(Ask(InputAudio(fixture.HighTones["ogg"], "ogg")))).AnswerAsync()).Text);
    }
}
