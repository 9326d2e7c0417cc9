using LocalMultimodal.Errors;
using LocalMultimodal.Generation;
using LocalMultimodal.Media;
using LocalMultimodal.Models;
using LocalMultimodal.Prompts;
using LocalMultimodal.Sampling;
using LocalMultimodal.Tests.Models;

namespace LocalMultimodal.Tests.Engine;

/// <summary>Every input mistake gets its own clear error, and the next good request still works.</summary>
[Collection(NativeModelsCollection.Name)]
public sealed class EngineInputErrorTests(NativeModelsFixture fixture)
{
    private static readonly ImageInput Image = ImageInput.FromPixels(64, 64, PixelFormat.Rgb24, ColourImages.Gradient(64, 64));

    public static TheoryData<string, Func<MultimodalPrompt>, string> BadPrompts => new()
    {
        { "more media than markers", () => new MultimodalPrompt("no marker here", Image), "media_marker_mismatch" },
        { "more markers than media", () => new MultimodalPrompt($"{MultimodalPrompt.MediaMarker}{MultimodalPrompt.MediaMarker}", Image), "media_marker_mismatch" },
        { "audio to a vision projector", () => EngineFactory.Prompt(AudioInput.FromSamples(Tones.Sine(440, Tones.SpeechSampleRate, 1), 16000)), "modality_not_supported" },
        { "corrupt image bytes", () => EngineFactory.Prompt(ImageInput.FromEncoded(new byte[] { 0x89, 0x50, 0x4E, 0x47, 1, 2, 3 })), "invalid_image" },
        { "empty image bytes", () => EngineFactory.Prompt(ImageInput.FromEncoded(Array.Empty<byte>())), "invalid_image" },
        { "pixel buffer of the wrong size", () => EngineFactory.Prompt(ImageInput.FromPixels(64, 64, PixelFormat.Rgb24, new byte[10])), "invalid_image" },
        { "uuid only, not cached", () => EngineFactory.Prompt(ImageInput.Reference("never-seen")), "media_cache_miss" },
        { "prompt longer than the context", () => new MultimodalPrompt(string.Concat(Enumerable.Repeat("hello world ", 600))), "context_length_exceeded" },
    };

    [Theory]
    [MemberData(nameof(BadPrompts))]
    public async Task BadPrompt_GetsItsError_AndTheEngineKeepsServing(string because, Func<MultimodalPrompt> bad, string code)
    {
        await using var engine = await EngineFactory.LoadAsync(fixture, ProjectorKind.Gemma3, o => o.ContextSize = 1024);

        var error = await Assert.ThrowsAnyAsync<InvalidRequestException>(() => engine.GenerateAsync(bad(), SamplingOptions.Greedy(4)).CollectAsync());

        Assert.True(error.Code == code, $"{because}: expected {code}, got {error.Code}: {error.Message}");
        var good = await engine.GenerateAsync(EngineFactory.Prompt(Image), SamplingOptions.Greedy(4)).CollectAsync();
        Assert.Equal(4, good.TokenIds.Count);
    }

    [Fact]
    public async Task CacheMiss_NamesTheUuid()
    {
        await using var engine = await EngineFactory.LoadAsync(fixture, ProjectorKind.Gemma3);

        var error = await Assert.ThrowsAsync<CacheMissException>(() => engine.GenerateAsync(EngineFactory.Prompt(ImageInput.Reference("cat-42"))).CollectAsync());

        Assert.Equal("cat-42", error.Uuid);
        Assert.Contains("cat-42", error.Message);
    }

    [Fact]
    public async Task ImageToAnAudioProjector_SaysWhatTheModelTakes()
    {
        await using var engine = await EngineFactory.LoadAsync(fixture, ProjectorKind.Qwen2Audio);

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => engine.GenerateAsync(EngineFactory.Prompt(Image)).CollectAsync());

        Assert.Equal("modality_not_supported", error.Code);
        Assert.Contains("audio", error.Message);
    }

    [Fact]
    public async Task MediaToATextOnlyModel_IsRefused()
    {
        await using var engine = await EngineFactory.LoadAsync(fixture, projector: null);

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => engine.GenerateAsync(EngineFactory.Prompt(Image)).CollectAsync());

        Assert.Contains("text only", error.Message);
    }

    [Fact]
    public async Task MediaOverThePerPromptLimit_IsRefusedNamingTheLimit()
    {
        await using var engine = await EngineFactory.LoadAsync(fixture, ProjectorKind.Gemma3, o => o.LimitPerPrompt[MediaModality.Image] = 1);

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => engine.GenerateAsync(EngineFactory.Prompt(Image, Image)).CollectAsync());

        Assert.Equal("too_many_media", error.Code);
        Assert.Contains("at most 1", error.Message);
    }

    public static TheoryData<string, Action<SamplingOptions>> BadSampling => new()
    {
        { "temperature", s => s.Temperature = 2.5f },
        { "temperature", s => s.Temperature = float.NaN },
        { "top_p", s => s.TopP = 0 },
        { "top_k", s => s.TopK = -1 },
        { "min_p", s => s.MinP = 1.5f },
        { "max_tokens", s => s.MaxTokens = 0 },
        { "max_tokens", s => s.MaxTokens = -5 },
        { "frequency_penalty", s => s.FrequencyPenalty = 3 },
        { "presence_penalty", s => s.PresencePenalty = -3 },
        { "repetition_penalty", s => s.RepetitionPenalty = 0 },
        { "stop", s => s.StopSequences = [""] },
    };

    [Theory]
    [MemberData(nameof(BadSampling))]
    public async Task OutOfRangeSampling_IsRefusedNamingTheParameter(string param, Action<SamplingOptions> spoil)
    {
        await using var engine = await EngineFactory.LoadAsync(fixture, ProjectorKind.Gemma3);
        var sampling = new SamplingOptions();
        spoil(sampling);

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => engine.GenerateAsync(EngineFactory.Prompt(Image), sampling).CollectAsync());

        Assert.Equal(param, error.Param);
        Assert.Equal(0, engine.ActiveSequences);
    }
}
