using System.Text.Json;
using LocalMultimodal.AI.Mapping;
using LocalMultimodal.Errors;
using LocalMultimodal.Fetching;
using LocalMultimodal.Media;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace LocalMultimodal.AI.Tests.Mapping;

/// <summary>What each message and content becomes for the engine, checked without running the model.</summary>
public sealed class ConversationMapperTests : IDisposable
{
    private readonly MediaFetcher _fetcher = new(new MediaFetchOptions());
    private readonly ConversationMapper _mapper;

    public ConversationMapperTests() => _mapper = new(new MediaContentMapper(_fetcher, NullLogger.Instance));

    public void Dispose() => _fetcher.Dispose();

    [Fact]
    public async Task Roles_TextAndMedia_KeepTheirOrder()
    {
        var turns = await MapAsync(
            new ChatMessage(ChatRole.System, "Be brief."),
            new ChatMessage(ChatRole.User, [new TextContent("Look:"), new DataContent(ColourImages.GradientPng(), "image/png"), new TextContent("and listen:"), new DataContent(Wavs.Tone(440, Tones.SpeechSampleRate, channels: 1), "audio/wav")]),
            new ChatMessage(ChatRole.Assistant, "A picture and a tone."));

        Assert.Equal(["system", "user", "assistant"], turns.Select(t => t.Role));
        var items = turns[1].Items;
        Assert.Equal("Look:", items[0].Text);
        Assert.IsType<ImageInput>(items[1].Media);
        Assert.Equal("and listen:", items[2].Text);
        Assert.IsType<AudioInput>(items[3].Media);
    }

    [Fact]
    public async Task Instructions_BecomeAFirstSystemTurn()
    {
        var turns = await _mapper.MapAsync([new ChatMessage(ChatRole.User, "Hi")], "Answer in French.", default, CancellationToken.None);

        Assert.Equal("system", turns[0].Role);
        Assert.Equal("Answer in French.", Assert.Single(turns[0].Items).Text);
        Assert.Equal("user", turns[1].Role);
    }

    [Fact]
    public async Task UsageContent_InHistory_IsNotShownToTheModel()
    {
        var turns = await MapAsync(new ChatMessage(ChatRole.Assistant, [new TextContent("Done."), new UsageContent(new UsageDetails { InputTokenCount = 3 })]));

        Assert.Equal("Done.", Assert.Single(turns[0].Items).Text);
    }

    [Theory]
    [MemberData(nameof(UuidForms))]
    public async Task Uuid_IsReadFromEveryForm(AIContent content, string expected)
    {
        var turns = await MapAsync(new ChatMessage(ChatRole.User, [content]));

        Assert.Equal(expected, turns[0].Items[0].Media?.Uuid);
    }

    public static TheoryData<AIContent, string> UuidForms()
    {
        var guid = Guid.Parse("6d1f5c56-2d5e-4c41-9a43-1a3f33b2b0a7");
        return new()
        {
            { WithProperty(new DataContent(ColourImages.GradientPng(), "image/png"), "photo-1"), "photo-1" },
            { WithProperty(new DataContent(ColourImages.GradientPng(), "image/png"), guid), guid.ToString("D") },
            { WithProperty(new DataContent(ColourImages.GradientPng(), "image/png"), JsonDocument.Parse("\"from-json\"").RootElement), "from-json" },
            { new DataContent(Wavs.Tone(440, Tones.SpeechSampleRate, channels: 1), "audio/wav").WithMediaUuid("clip-7"), "clip-7" },
            { new MediaInputContent(ImageInput.FromEncoded(ColourImages.GradientPng(), "typed-1")), "typed-1" },
            { MediaReferenceContent.Audio("clip-7"), "clip-7" },
        };
    }

    [Fact]
    public async Task Uuid_AbsentMeansKeyedByContent()
    {
        var turns = await MapAsync(new ChatMessage(ChatRole.User, [new DataContent(ColourImages.GradientPng(), "image/png")]));

        Assert.Null(turns[0].Items[0].Media?.Uuid);
    }

    [Fact]
    public async Task Uuid_OfAnotherType_FailsNamingTheKey()
    {
        var content = WithProperty(new DataContent(ColourImages.GradientPng(), "image/png"), 42);

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => MapAsync(new ChatMessage(ChatRole.User, [content])));

        Assert.Contains("AdditionalProperties[\"uuid\"]", error.Message);
    }

    [Fact]
    public async Task MediaReferenceContent_BecomesAReferenceOnlyItem()
    {
        var turns = await MapAsync(new ChatMessage(ChatRole.User, [MediaReferenceContent.Image("img-1"), MediaReferenceContent.Audio("aud-1")]));

        var image = Assert.IsType<ImageInput>(turns[0].Items[0].Media);
        var audio = Assert.IsType<AudioInput>(turns[0].Items[1].Media);
        Assert.True(image.IsReferenceOnly);
        Assert.True(audio.IsReferenceOnly);
        Assert.Equal("aud-1", audio.Uuid);
    }

    [Fact]
    public void GetMediaUuid_ReadsWhatWithMediaUuidWrote()
    {
        var content = new UriContent("https://example.com/a.png", "image/png").WithMediaUuid("u-1");

        Assert.Equal("u-1", content.GetMediaUuid());
        Assert.Equal("u-1", content.AdditionalProperties?[LocalMultimodalPropertyNames.Uuid]);
    }

    [Fact]
    public async Task TextReasoningContent_FailsNamingTheType()
    {
        var error = await Assert.ThrowsAsync<NotSupportedException>(
            () => MapAsync(new ChatMessage(ChatRole.Assistant, [new TextReasoningContent("hmm")])));

        Assert.Contains(nameof(TextReasoningContent), error.Message);
    }

    [Fact]
    public async Task DataContentVideo_BecomesAnEncodedVideo_WithItsUuidAndFrameCount()
    {
        var content = new DataContent(new byte[] { 0, 0, 0, 24 }, "video/mp4").WithMediaUuid("clip-1");
        content.AdditionalProperties![LocalMultimodalPropertyNames.NumFrames] = JsonSerializer.SerializeToElement(3);

        var turns = await MapAsync(new ChatMessage(ChatRole.User, [content, MediaReferenceContent.Video("clip-0")]));

        var video = Assert.IsType<VideoInput>(turns[0].Items[0].Media);
        Assert.Equal(("clip-1", 3, 4), (video.Uuid, video.NumFrames, video.Encoded?.Length));
        var reference = Assert.IsType<VideoInput>(turns[0].Items[1].Media);
        Assert.True(reference.IsReferenceOnly);
    }

    [Theory]
    [InlineData("audio/mpeg", "mpeg")]
    [InlineData("audio/ogg; codecs=opus", "ogg")]
    [InlineData("audio/flac", "flac")]
    public async Task DataContentAudio_CarriesItsSubtypeAsTheFormatHint(string mediaType, string format)
    {
        var turns = await MapAsync(new ChatMessage(ChatRole.User, [new DataContent(new byte[] { 1, 2, 3 }, mediaType)]));

        Assert.Equal(format, Assert.IsType<AudioInput>(turns[0].Items[0].Media).Format);
    }

    private static AIContent WithProperty(AIContent content, object value)
    {
        content.AdditionalProperties = new() { [LocalMultimodalPropertyNames.Uuid] = value };
        return content;
    }

    private Task<IReadOnlyList<Prompts.ChatTurn>> MapAsync(params ChatMessage[] messages) =>
        _mapper.MapAsync(messages, instructions: null, default, CancellationToken.None);
}
