using LocalMultimodal.Errors;
using LocalMultimodal.Media;
using Microsoft.Extensions.AI;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace LocalMultimodal.AI.Tests.Integration;

/// <summary>Every media content kind reaches the engine: the usage counts show its tokens.</summary>
[Collection(ModelsCollection.Name)]
public sealed class MediaContentTests(ModelsFixture fixture) : IDisposable
{
    private const int TokensPerImage = 16;
    private readonly IChatClient _client = fixture.Engine.AsIChatClient();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task TextOnly_HasNoMediaTokens()
    {
        var usage = await UsageOfAsync(new TextContent("Just words."));

        Assert.Equal(0, usage[LocalMultimodalUsageKeys.InputImageTokens]);
        Assert.Equal(0, usage[LocalMultimodalUsageKeys.InputAudioTokens]);
        Assert.True(usage[LocalMultimodalUsageKeys.InputTextTokens] > 0);
    }

    [Fact]
    public async Task DataContentImage_FromBytes_IsAnswered()
    {
        var response = await _client.GetResponseAsync(
            [new ChatMessage(ChatRole.User, [new TextContent("What is in this picture?"), new DataContent(ColourImages.GradientPng(), "image/png")])],
            new ChatOptions { Temperature = 0, MaxOutputTokens = 8 });

        Assert.NotEmpty(response.Text);
        Assert.Equal(TokensPerImage, response.Usage?.AdditionalCounts?[LocalMultimodalUsageKeys.InputImageTokens]);
        Assert.Equal(
            response.Usage?.InputTokenCount,
            response.Usage?.AdditionalCounts?[LocalMultimodalUsageKeys.InputTextTokens] + TokensPerImage);
    }

    [Fact]
    public async Task DataContentImage_FromDataUri_ReachesTheEngine()
    {
        string uri = $"data:image/png;base64,{Convert.ToBase64String(ColourImages.GradientPng())}";

        var usage = await UsageOfAsync(new DataContent(uri));

        Assert.Equal(TokensPerImage, usage[LocalMultimodalUsageKeys.InputImageTokens]);
    }

    [Fact]
    public async Task DataContentAudio_FromBytesAndDataUri_ReachesTheEngine()
    {
        byte[] wav = Wavs.Tone(440, Tones.SpeechSampleRate, channels: 1);
        var fromBytes = await UsageOfAsync(new DataContent(wav, "audio/wav"));
        var fromUri = await UsageOfAsync(new DataContent($"data:audio/wav;base64,{Convert.ToBase64String(wav)}"));

        Assert.True(fromBytes[LocalMultimodalUsageKeys.InputAudioTokens] > 0);
        Assert.Equal(fromBytes[LocalMultimodalUsageKeys.InputAudioTokens], fromUri[LocalMultimodalUsageKeys.InputAudioTokens]);
        Assert.Equal(0, fromBytes[LocalMultimodalUsageKeys.InputImageTokens]);
    }

    [Fact]
    public async Task VideoFrames_AsASequenceOfImages_EachReachTheEngine()
    {
        var frames = Enumerable.Range(0, 3).Select(i => (AIContent)new DataContent(ColourImages.GradientPng(shift: i * 40), "image/png")).ToArray();

        var usage = await UsageOfAsync(frames);

        Assert.Equal(3 * TokensPerImage, usage[LocalMultimodalUsageKeys.InputImageTokens]);
    }

    [Fact]
    public async Task ImageAndAudioInOneMessage_BothReachTheEngine()
    {
        var usage = await UsageOfAsync(new DataContent(ColourImages.GradientPng(), "image/png"), new DataContent(Wavs.Tone(440, Tones.SpeechSampleRate, channels: 1), "audio/wav"));

        Assert.Equal(TokensPerImage, usage[LocalMultimodalUsageKeys.InputImageTokens]);
        Assert.True(usage[LocalMultimodalUsageKeys.InputAudioTokens] > 0);
    }

    [Fact]
    public async Task MediaInputContent_CarriesAnImageSharpImageAndRawSamples()
    {
        using var image = new Image<Rgba32>(48, 48, new Rgba32(200, 30, 30, 128));
        float[] samples = [.. Enumerable.Range(0, 16000).Select(i => (float)Math.Sin(i / 10.0))];

        var usage = await UsageOfAsync(
            new MediaInputContent(ImageInput.FromImage(image, uuid: "red-square")),
            new MediaInputContent(AudioInput.FromSamples(samples, 16000, uuid: "hum")));

        Assert.Equal(TokensPerImage, usage[LocalMultimodalUsageKeys.InputImageTokens]);
        Assert.True(usage[LocalMultimodalUsageKeys.InputAudioTokens] > 0);
    }

    [Fact]
    public async Task MediaReferenceContent_NeverSent_FailsNamingTheUuid()
    {
        string uuid = $"never-sent-{Guid.NewGuid():N}";

        var error = await Assert.ThrowsAsync<CacheMissException>(() => UsageOfAsync(MediaReferenceContent.Image(uuid)));

        Assert.Equal(uuid, error.Uuid);
        Assert.Contains(uuid, error.Message);
    }

    /// <summary>The same bad uuids the engine's and the server's tests refuse, with the same words.</summary>
    [Theory]
    [MemberData(nameof(BadUuids.All), MemberType = typeof(BadUuids))]
    public async Task BadUuid_IsRefusedByTheEnginesRule(string text)
    {
        var image = new DataContent(ColourImages.GradientPng(), "image/png")
        {
            AdditionalProperties = new() { [LocalMultimodalPropertyNames.Uuid] = text },
        };

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => UsageOfAsync(image));

        Assert.Equal(("invalid_uuid", "uuid"), (error.Code, error.Param));
        Assert.Equal($"uuid: {MediaRules.UuidRequirement}.", error.Message);
    }

    [Fact]
    public async Task DataContentOfAnotherMediaType_FailsNamingIt()
    {
        var error = await Assert.ThrowsAsync<NotSupportedException>(() => UsageOfAsync(new DataContent("%PDF-1.7"u8.ToArray(), "application/pdf")));

        Assert.Contains("application/pdf", error.Message);
    }

    [Fact]
    public async Task UnknownContentType_FailsNamingIt()
    {
        var error = await Assert.ThrowsAsync<NotSupportedException>(
            () => UsageOfAsync(new FunctionCallContent("call-1", "get_weather")));

        Assert.Contains(nameof(FunctionCallContent), error.Message);
    }

    [Fact]
    public async Task ToolRole_FailsNamingIt()
    {
        var error = await Assert.ThrowsAsync<NotSupportedException>(
            () => _client.GetResponseAsync([new ChatMessage(ChatRole.Tool, "42")], new ChatOptions { MaxOutputTokens = 2 }));

        Assert.Contains("'tool'", error.Message);
    }

    [Fact]
    public async Task ImageToAModelWithoutVision_FailsSayingSo()
    {
        var options = fixture.EngineOptions();
        options.ProjectorPath = fixture.Models.Projector(Models.ProjectorKind.Qwen2Audio);
        await using var audioOnly = await MultimodalEngine.LoadAsync(options);
        using var client = audioOnly.AsIChatClient();

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => client.GetResponseAsync(
            [new ChatMessage(ChatRole.User, [new DataContent(ColourImages.GradientPng(), "image/png")])], new ChatOptions { MaxOutputTokens = 2 }));

        Assert.Equal("modality_not_supported", error.Code);
        Assert.Contains("image", error.Message);
    }

    private async Task<AdditionalPropertiesDictionary<long>> UsageOfAsync(params AIContent[] contents)
    {
        var response = await _client.GetResponseAsync(
            [new ChatMessage(ChatRole.User, [new TextContent("Describe it."), .. contents])],
            new ChatOptions { Temperature = 0, MaxOutputTokens = 2 });
        return response.Usage?.AdditionalCounts ?? throw new InvalidOperationException("No usage.");
    }
}
