using System.Net;
using System.Text.Json.Nodes;
using LocalMultimodal.Media;
using LocalMultimodal.Server.Tests.Infrastructure;
using static LocalMultimodal.Server.Tests.Infrastructure.Api;

namespace LocalMultimodal.Server.Tests.InProcess;

/// <summary>Every content part type vLLM accepts, and what happens to each.</summary>
[Collection(SharedServerCollection.Name)]
public sealed class ContentPartTests(SharedServerFixture fixture)
{
    private const int TokensPerImage = 16;

    [Fact]
    public async Task ImageByDataUrl_IsAnsweredWithImageTokensInUsage()
    {
        var response = await fixture.Client.PostChatAsync(Chat(Text("What colour is this?"), ImageUrl(DataUrls.Png(ColourImages.SolidPng(32, 32, 255, 0, 0)))));

        var answer = await response.AssertAnswerAsync();
        Assert.Equal(8, (int)answer["usage"]!["completion_tokens"]!);
        Assert.Equal("length", (string?)answer["choices"]![0]!["finish_reason"]);
        var details = answer["usage"]!["prompt_tokens_details"]!;
        Assert.Equal(TokensPerImage, (int)details["image_tokens"]!);
        Assert.Equal(0, (int)details["audio_tokens"]!);
        Assert.InRange((int)details["cached_tokens"]!, 0, (int)answer["usage"]!["prompt_tokens"]! - 1);
        Assert.Equal((int)answer["usage"]!["prompt_tokens"]!, (int)details["text_tokens"]! + TokensPerImage);
        Assert.Equal((int)answer["usage"]!["prompt_tokens"]! + 8, (int)answer["usage"]!["total_tokens"]!);
    }

    [Fact]
    public async Task ImageByHttpUrl_IsFetchedFromTheMediaServer()
    {
        var response = await fixture.Client.PostChatAsync(Chat(ImageUrl(fixture.Media.Url("blue.png")), Text("And this?")));

        var answer = await response.AssertAnswerAsync();
        Assert.Equal(TokensPerImage, (int)answer["usage"]!["prompt_tokens_details"]!["image_tokens"]!);
        Assert.Contains("/blue.png", fixture.Media.Requests);
    }

    [Fact]
    public async Task ImageByFileUrl_BelowTheAllowedFolder_IsRead()
    {
        var url = new Uri(Path.Combine(fixture.LocalMedia.FullName, "red.png")).AbsoluteUri;

        var answer = await (await fixture.Client.PostChatAsync(Chat(ImageUrl(url)))).AssertAnswerAsync();

        Assert.Equal(TokensPerImage, (int)answer["usage"]!["prompt_tokens_details"]!["image_tokens"]!);
    }

    [Fact]
    public async Task ImageByFileUrl_OutsideTheAllowedFolder_IsRefused()
    {
        var response = await fixture.Client.PostChatAsync(Chat(ImageUrl(new Uri(TestModels.Llm).AbsoluteUri)));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "media_fetch_refused", "messages[0].content[0]");
    }

    [Fact]
    public async Task TwoImagesInterleavedWithText_AreBothInThePrompt()
    {
        var request = Chat(Text("First:"), ImageUrl(DataUrls.Png(ColourImages.SolidPng(32, 32, 255, 0, 0))), Text("second:"), ImageUrl(fixture.Media.Url("blue.png")), Text("Compare."));

        var answer = await (await fixture.Client.PostChatAsync(request)).AssertAnswerAsync();

        Assert.Equal(2 * TokensPerImage, (int)answer["usage"]!["prompt_tokens_details"]!["image_tokens"]!);
    }

    [Fact]
    public async Task InputAudioWav_IsAnsweredWithAudioTokensInUsage()
    {
        var answer = await (await fixture.Client.PostChatAsync(Chat(InputAudio(Wavs.Tone(440, Tones.SpeechSampleRate, channels: 1)), Text("What is this sound?")))).AssertAnswerAsync();

        var details = answer["usage"]!["prompt_tokens_details"]!;
        Assert.True((int)details["audio_tokens"]! > 0);
        Assert.Equal(0, (int)details["image_tokens"]!);
    }

    [Fact]
    public async Task AudioUrlWav_IsFetched()
    {
        var answer = await (await fixture.Client.PostChatAsync(Chat(AudioUrl(fixture.Media.Url("tone.wav"))))).AssertAnswerAsync();

        Assert.True((int)answer["usage"]!["prompt_tokens_details"]!["audio_tokens"]! > 0);
    }

    [Fact]
    public async Task AudioUrlDeclaredAsAnotherFormat_IsDecodedByItsContent()
    {
        // tone.mp3 is served as audio/mpeg but holds WAV: the type is only a hint.
        var answer = await (await fixture.Client.PostChatAsync(Chat(AudioUrl(fixture.Media.Url("tone.mp3"))))).AssertAnswerAsync();

        Assert.True((int)answer["usage"]!["prompt_tokens_details"]!["audio_tokens"]! > 0);
    }

    [Theory]
    [InlineData("mp3")]
    [InlineData("flac")]
    [InlineData("")]
    public async Task InputAudioDeclaredAsAnotherFormat_IsDecodedByItsContent(string format)
    {
        var answer = await (await fixture.Client.PostChatAsync(Chat(InputAudio(Wavs.Tone(440, Tones.SpeechSampleRate, channels: 1), format)))).AssertAnswerAsync();

        Assert.True((int)answer["usage"]!["prompt_tokens_details"]!["audio_tokens"]! > 0);
    }

    [Fact]
    public async Task InputAudioWithBadBase64_IsRefused()
    {
        var part = new JsonObject { ["type"] = "input_audio", ["input_audio"] = new JsonObject { ["data"] = "not base64!", ["format"] = "wav" } };

        await (await fixture.Client.PostChatAsync(Chat(part))).AssertErrorAsync(HttpStatusCode.BadRequest, param: "messages[0].content[0].input_audio.data");
    }

    [Theory]
    [InlineData("image_embeds")]
    [InlineData("audio_embeds")]
    public async Task Embeds_WithoutTheFlag_AreRefused(string type)
    {
        var response = await fixture.Client.PostChatAsync(Chat(Part(type, "AAAA")));

        var error = await response.AssertErrorAsync(HttpStatusCode.BadRequest, "mm_embeds_disabled");
        Assert.Contains("--enable-mm-embeds", (string?)error["message"]);
    }

    [Theory]
    [InlineData("image_url")]
    [InlineData("image_pil")]
    [InlineData("input_audio")]
    [InlineData("audio_url")]
    [InlineData("video_url")]
    public async Task UuidOnlyPart_MissesTheCache_AndTheErrorNamesTheUuid(string type)
    {
        string uuid = $"sku-{type}-42";

        var response = await fixture.Client.PostChatAsync(Chat(Text("Again:"), Part(type, null, uuid)));

        var error = await response.AssertErrorAsync(HttpStatusCode.BadRequest, "media_cache_miss");
        Assert.Contains(uuid, (string?)error["message"]);
    }

    [Fact]
    public async Task ImagePilWithData_IsRefused()
    {
        var response = await fixture.Client.PostChatAsync(Chat(Part("image_pil", "iVBORw0KGgo=", "u1")));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, param: "messages[0].content[0].image_pil");
    }

    [Fact]
    public async Task MediaPartWithNeitherMediaNorUuid_IsRefused()
    {
        var response = await fixture.Client.PostChatAsync(Chat(Part("image_url", null)));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, param: "messages[0].content[0].image_url");
    }

    [Fact]
    public async Task UnknownPartType_IsRefusedNamingTheType()
    {
        var response = await fixture.Client.PostChatAsync(Chat(Part("hologram", "x")));

        var error = await response.AssertErrorAsync(HttpStatusCode.BadRequest, "unknown_content_part", "messages[0].content[0].type");
        Assert.Contains("'hologram'", (string?)error["message"]);
    }

    /// <summary>The same bad uuids the engine's and the chat client's tests refuse, with the same words.</summary>
    [Theory]
    [MemberData(nameof(BadUuids.All), MemberType = typeof(BadUuids))]
    public async Task BadUuid_IsRefusedByTheEnginesRule(string text)
    {

        var response = await fixture.Client.PostChatAsync(Chat(ImageUrl(DataUrls.Png(ColourImages.SolidPng(32, 32, 255, 0, 0)), text)));

        var error = await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_uuid", "messages[0].content[0].uuid");
        Assert.Equal($"messages[0].content[0].uuid: {MediaRules.UuidRequirement}.", (string?)error["message"]);
    }

    [Fact]
    public async Task MoreImagesThanTheLimit_FailBeforeAnythingIsFetched()
    {
        var request = Chat(ImageUrl(fixture.Media.Url("red.png?limit-1")), ImageUrl(fixture.Media.Url("red.png?limit-2")), ImageUrl(fixture.Media.Url("red.png?limit-3")));
        int before = fixture.Media.Requests.Count;

        var response = await fixture.Client.PostChatAsync(request);

        var error = await response.AssertErrorAsync(HttpStatusCode.BadRequest, "too_many_media", "image");
        Assert.Contains("at most 2", (string?)error["message"]);
        Assert.Equal(before, fixture.Media.Requests.Count);
    }

    [Fact]
    public async Task MoreAudioThanTheLimit_IsRefused()
    {
        var response = await fixture.Client.PostChatAsync(Chat(InputAudio(Wavs.Tone(440, Tones.SpeechSampleRate, channels: 1)), InputAudio(Wavs.Tone(440, Tones.SpeechSampleRate, channels: 1))));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "too_many_media", "audio");
    }

    [Fact]
    public async Task UndecodableImage_IsA400_AndTheServerKeepsServing()
    {
        var response = await fixture.Client.PostChatAsync(Chat(ImageUrl(DataUrls.Of([0x89, 0x50, 0x4E, 0x47, 1, 2, 3], "image/png"))));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        await (await fixture.Client.PostChatAsync(Chat(ImageUrl(DataUrls.Png(ColourImages.SolidPng(32, 32, 255, 0, 0)))))).AssertAnswerAsync();
    }
}
