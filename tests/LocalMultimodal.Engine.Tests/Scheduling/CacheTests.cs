using LocalMultimodal.Errors;
using LocalMultimodal.Generation;
using LocalMultimodal.Media;
using LocalMultimodal.Models;
using LocalMultimodal.Prompts;
using LocalMultimodal.Sampling;
using LocalMultimodal.Tests.Engine;
using LocalMultimodal.Tests.Models;

namespace LocalMultimodal.Tests.Scheduling;

/// <summary>The media encoding cache and prefix KV reuse: hits give the same tokens, and uuids never serve stale content.</summary>
[Collection(NativeModelsCollection.Name)]
public sealed class CacheTests(NativeModelsFixture fixture)
{
    private static readonly SamplingOptions Fixed = new() { Temperature = 0, MaxTokens = 12, IgnoreEndOfSequence = true };

    [Fact]
    public async Task SameImageAgain_ReusesThePrefix_AndGivesIdenticalTokens()
    {
        await using var engine = await EngineFactory.LoadAsync(fixture, ProjectorKind.Gemma3);
        var prompt = EngineFactory.Prompt(Image(0, "photo-1"));

        var first = await engine.GenerateAsync(prompt, Fixed).CollectAsync();
        var second = await engine.GenerateAsync(prompt, Fixed).CollectAsync();

        Assert.Equal(first.TokenIds, second.TokenIds);
        Assert.Equal(0, first.Usage.CachedPromptTokens);
        Assert.Equal(second.Usage.PromptTokens - 1, second.Usage.CachedPromptTokens);
        Assert.Equal(1, engine.CacheStatistics.PrefixHits);
    }

    [Fact]
    public async Task UuidOnlyRepeat_AnswersLikeTheFirst()
    {
        await using var engine = await EngineFactory.LoadAsync(fixture, ProjectorKind.Gemma3);

        var first = await engine.GenerateAsync(EngineFactory.Prompt(Image(0, "cat")), Fixed).CollectAsync();
        var byReference = await engine.GenerateAsync(EngineFactory.Prompt(ImageInput.Reference("cat")), Fixed).CollectAsync();

        Assert.Equal(first.TokenIds, byReference.TokenIds);
        Assert.Equal(16, byReference.Usage.ImageTokens);
    }

    [Fact]
    public async Task UuidOnly_HitsTheMediaCache_InADifferentPrompt()
    {
        await using var engine = await EngineFactory.LoadAsync(fixture, ProjectorKind.Gemma3, o => o.EnablePrefixCaching = false);
        await engine.GenerateAsync(EngineFactory.Prompt(Image(0, "cat")), Fixed).CollectAsync();
        var other = new MultimodalPrompt(EngineFactory.ChatPrompt($"Look: {MultimodalPrompt.MediaMarker}"), ImageInput.Reference("cat"));
        var fresh = new MultimodalPrompt(other.Text, Image(0));

        var byReference = await engine.GenerateAsync(other, Fixed).CollectAsync();

        Assert.Equal((await engine.GenerateAsync(fresh, Fixed).CollectAsync()).TokenIds, byReference.TokenIds);
        Assert.True(engine.CacheStatistics.MediaHits >= 2);
    }

    [Fact]
    public async Task UuidIndex_KeepsTheConfiguredNumberOfUuids_LeastRecentlyUsedOut()
    {
        await using var engine = await EngineFactory.LoadAsync(fixture, ProjectorKind.Gemma3, o => o.UuidIndexCapacity = 1);
        await engine.GenerateAsync(EngineFactory.Prompt(Image(0, "cat")), Fixed).CollectAsync();
        await engine.GenerateAsync(EngineFactory.Prompt(Image(5, "dog")), Fixed).CollectAsync();

        var forgotten = await Assert.ThrowsAsync<CacheMissException>(() => engine.GenerateAsync(EngineFactory.Prompt(ImageInput.Reference("cat")), Fixed).CollectAsync());
        var kept = await engine.GenerateAsync(EngineFactory.Prompt(ImageInput.Reference("dog")), Fixed).CollectAsync();

        Assert.Equal("cat", forgotten.Uuid);
        Assert.Equal(16, kept.Usage.ImageTokens);
    }

    [Fact]
    public async Task UuidIndexCapacity_BelowOne_IsRefusedBeforeLoading()
    {
        var options = new EngineOptions { ModelPath = fixture.Models.Llm, UuidIndexCapacity = 0 };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => MultimodalEngine.LoadAsync(options));

        Assert.Contains(nameof(EngineOptions.UuidIndexCapacity), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UuidSentAgainWithNewContent_IsRecomputed_NeverServedStale()
    {
        await using var engine = await EngineFactory.LoadAsync(fixture, ProjectorKind.Gemma3);
        var firstContent = await engine.GenerateAsync(EngineFactory.Prompt(Image(0, "same-uuid")), Fixed).CollectAsync();

        var newContent = await engine.GenerateAsync(EngineFactory.Prompt(Image(5, "same-uuid")), Fixed).CollectAsync();
        var byReference = await engine.GenerateAsync(EngineFactory.Prompt(ImageInput.Reference("same-uuid")), Fixed).CollectAsync();

        var expected = await engine.GenerateAsync(EngineFactory.Prompt(Image(5)), Fixed).CollectAsync();
        Assert.NotEqual(firstContent.TokenIds, newContent.TokenIds);
        Assert.Equal(expected.TokenIds, newContent.TokenIds);
        Assert.Equal(expected.TokenIds, byReference.TokenIds);
    }

    [Fact]
    public async Task MediaCache_EvictsTheLeastRecentlyUsedByBytes()
    {
        // One gemma3 image is 16 x 64 floats plus two wrapper tokens: room for one, not two.
        await using var engine = await EngineFactory.LoadAsync(fixture, ProjectorKind.Gemma3, o =>
        {
            o.MediaCacheBytes = 16 * 64 * sizeof(float) + 64;
            o.EnablePrefixCaching = false;
        });

        await engine.GenerateAsync(EngineFactory.Prompt(Image(1)), Fixed).CollectAsync();
        await engine.GenerateAsync(EngineFactory.Prompt(Image(1)), Fixed).CollectAsync();
        Assert.Equal((1, 1), (engine.CacheStatistics.MediaHits, engine.CacheStatistics.MediaMisses));

        await engine.GenerateAsync(EngineFactory.Prompt(Image(2)), Fixed).CollectAsync();
        await engine.GenerateAsync(EngineFactory.Prompt(Image(1)), Fixed).CollectAsync();

        Assert.Equal((1, 3), (engine.CacheStatistics.MediaHits, engine.CacheStatistics.MediaMisses));
        Assert.True(engine.CacheStatistics.MediaCacheBytes <= 16 * 64 * sizeof(float) + 64);
    }

    [Fact]
    public async Task UuidOnly_WhoseEncodingWasEvicted_StillHitsTheRetainedKv()
    {
        await using var engine = await EngineFactory.LoadAsync(fixture, ProjectorKind.Gemma3, o => o.MediaCacheBytes = 0);
        var first = await engine.GenerateAsync(EngineFactory.Prompt(Image(3, "kept-in-kv")), Fixed).CollectAsync();

        var byReference = await engine.GenerateAsync(EngineFactory.Prompt(ImageInput.Reference("kept-in-kv")), Fixed).CollectAsync();

        Assert.Equal(first.TokenIds, byReference.TokenIds);
        Assert.True(byReference.Usage.CachedPromptTokens > 16);
    }

    [Fact]
    public async Task UuidOnly_InAPromptTheKvCannotSupply_WithoutTheMediaCache_NamesTheUuid()
    {
        await using var engine = await EngineFactory.LoadAsync(fixture, ProjectorKind.Gemma3, o => o.MediaCacheBytes = 0);
        await engine.GenerateAsync(EngineFactory.Prompt(Image(3, "dog")), Fixed).CollectAsync();
        var differentStart = new MultimodalPrompt(EngineFactory.ChatPrompt($"Now {MultimodalPrompt.MediaMarker}"), ImageInput.Reference("dog"));

        var error = await Assert.ThrowsAsync<CacheMissException>(() => engine.GenerateAsync(differentStart, Fixed).CollectAsync());

        Assert.Equal("dog", error.Uuid);
    }

    [Fact]
    public async Task WithBothCachesDisabled_UuidsAreIgnored_AndUuidOnlyFails()
    {
        await using var engine = await EngineFactory.LoadAsync(fixture, ProjectorKind.Gemma3, o =>
        {
            o.MediaCacheBytes = 0;
            o.EnablePrefixCaching = false;
        });
        await engine.GenerateAsync(EngineFactory.Prompt(Image(0, "ignored")), Fixed).CollectAsync();

        var error = await Assert.ThrowsAsync<CacheMissException>(() => engine.GenerateAsync(EngineFactory.Prompt(ImageInput.Reference("ignored")), Fixed).CollectAsync());

        Assert.Equal("ignored", error.Uuid);
        Assert.Equal(0, engine.CacheStatistics.PrefixHits);
    }

    [Fact]
    public async Task PrefixFromARunningSequence_IsCopied_AndGivesIdenticalTokens()
    {
        await using var engine = await EngineFactory.LoadAsync(fixture, ProjectorKind.Gemma3, o => o.MaxConcurrentSequences = 2);
        var prompt = EngineFactory.Prompt(Image(4));
        var expected = await engine.GenerateAsync(prompt, Fixed).CollectAsync();
        await using var reset = await EngineFactory.LoadAsync(fixture, ProjectorKind.Gemma3, o => o.MaxConcurrentSequences = 2);
        using var stop = new CancellationTokenSource();

        var longRunning = reset.GenerateAsync(prompt, new SamplingOptions { Temperature = 0, MaxTokens = 4000, IgnoreEndOfSequence = true }, stop.Token).CollectAsync(stop.Token);
        await SchedulerTests.WaitFor(() => reset.ActiveSequences == 1);
        var copied = await reset.GenerateAsync(prompt, Fixed).CollectAsync();
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => longRunning);

        Assert.Equal(expected.TokenIds, copied.TokenIds);
        Assert.True(copied.Usage.CachedPromptTokens > 16);
    }

    [Fact]
    public async Task UuidsArePerModality_AVideoReferenceNeverFindsAnImage()
    {
        await using var engine = await EngineFactory.LoadAsync(fixture, ProjectorKind.Gemma3);
        await engine.GenerateAsync(EngineFactory.Prompt(Image(0, "shared-name")), Fixed).CollectAsync();

        var error = await Assert.ThrowsAsync<CacheMissException>(() => engine.GenerateAsync(EngineFactory.Prompt(VideoInput.Reference("shared-name")), Fixed).CollectAsync());

        Assert.Equal("shared-name", error.Uuid);
    }

    [Fact]
    public async Task BadUuid_IsRefused()
    {
        await using var engine = await EngineFactory.LoadAsync(fixture, ProjectorKind.Gemma3);

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => engine.GenerateAsync(EngineFactory.Prompt(Image(0, new string('x', 300))), Fixed).CollectAsync());

        Assert.Equal("invalid_uuid", error.Code);
    }

    private static ImageInput Image(int variant, string? uuid = null)
    {
        byte[] rgb = ColourImages.Gradient(64, 64);
        for (int i = 1; i < rgb.Length; i += 3)
        {
            rgb[i] = (byte)(rgb[i] + variant * 37);
        }

        return ImageInput.FromPixels(64, 64, PixelFormat.Rgb24, rgb, uuid);
    }
}
