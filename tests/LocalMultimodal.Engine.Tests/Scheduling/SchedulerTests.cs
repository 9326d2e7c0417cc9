using LocalMultimodal.Errors;
using LocalMultimodal.Generation;
using LocalMultimodal.Media;
using LocalMultimodal.Models;
using LocalMultimodal.Prompts;
using LocalMultimodal.Sampling;
using LocalMultimodal.Tests.Engine;
using LocalMultimodal.Tests.Models;

namespace LocalMultimodal.Tests.Scheduling;

/// <summary>Continuous batching: the same tokens alone and in company, fair prefill, bounded queue, cancellation.</summary>
[Collection(NativeModelsCollection.Name)]
public sealed class SchedulerTests(NativeModelsFixture fixture)
{
    private static readonly SamplingOptions Fixed = new() { Temperature = 0, MaxTokens = 24, IgnoreEndOfSequence = true };

    [Fact]
    public async Task RequestRunAlone_AndAmongSevenOthers_GivesIdenticalTokens()
    {
        await using var engine = await EngineFactory.LoadAsync(fixture, ProjectorKind.Gemma3, o =>
        {
            o.MaxConcurrentSequences = 8;
            o.ContextSize = 512;
            o.EnablePrefixCaching = false;
        });
        var prompts = Enumerable.Range(0, 8).Select(Prompt).ToArray();
        var alone = await engine.GenerateAsync(prompts[0], Fixed).CollectAsync();

        var together = await Task.WhenAll(prompts.Select(p => engine.GenerateAsync(p, Fixed).CollectAsync()));

        Assert.Equal(alone.TokenIds, together[0].TokenIds);
        for (int i = 1; i < prompts.Length; i++)
        {
            Assert.Equal((await engine.GenerateAsync(prompts[i], Fixed).CollectAsync()).TokenIds, together[i].TokenIds);
        }
    }

    [Fact]
    public async Task CancellingOneRequestMidBatch_FreesItsSlot_AndTheOthersFinishUnchanged()
    {
        await using var engine = await EngineFactory.LoadAsync(fixture, ProjectorKind.Gemma3, o => o.MaxConcurrentSequences = 3);
        var expected = await engine.GenerateAsync(Prompt(1), Fixed).CollectAsync();
        using var cancel = new CancellationTokenSource();

        var doomed = Task.Run(async () =>
        {
            await foreach (var update in engine.GenerateAsync(Prompt(0), new SamplingOptions { MaxTokens = 5000, IgnoreEndOfSequence = true }, cancel.Token))
            {
                await cancel.CancelAsync();
            }
        });
        var survivor = engine.GenerateAsync(Prompt(1), Fixed).CollectAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => doomed);
        Assert.Equal(expected.TokenIds, (await survivor).TokenIds);
        Assert.Equal(0, engine.ActiveSequences);
    }

    [Fact]
    public async Task FullQueue_RefusesWithBusy_AndTheQueuedRequestStillRuns()
    {
        await using var engine = await EngineFactory.LoadAsync(fixture, ProjectorKind.Gemma3, o =>
        {
            o.MaxConcurrentSequences = 1;
            o.MaxQueuedRequests = 1;
        });
        using var stop = new CancellationTokenSource();
        var running = engine.GenerateAsync(Prompt(0), new SamplingOptions { MaxTokens = 5000, IgnoreEndOfSequence = true }, stop.Token).CollectAsync(stop.Token);
        await WaitFor(() => engine.ActiveSequences == 1);
        var queued = engine.GenerateAsync(Prompt(1), Fixed).CollectAsync();
        await WaitFor(() => engine.QueueDepth == 1);

        var busy = await Assert.ThrowsAsync<EngineBusyException>(() => engine.GenerateAsync(Prompt(2), Fixed).CollectAsync());

        Assert.Equal(1, busy.QueueCapacity);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.Equal(24, (await queued).TokenIds.Count);
    }

    [Fact]
    public async Task LongPrompt_DoesNotHoldBackAShortOnesFirstToken()
    {
        await using var engine = await EngineFactory.LoadAsync(fixture, ProjectorKind.Gemma3, o =>
        {
            o.StepTokenBudget = 64;
            o.ContextSize = 4096;
        });
        var longPrompt = new MultimodalPrompt(EngineFactory.ChatPrompt(string.Concat(Enumerable.Repeat("the quick brown fox jumps over the lazy dog ", 60))));
        var order = new List<string>();
        async Task FirstToken(string name, MultimodalPrompt prompt)
        {
            await foreach (var update in engine.GenerateAsync(prompt, SamplingOptions.Greedy(2)))
            {
                lock (order)
                {
                    order.Add(name);
                }

                break;
            }
        }

        var slow = FirstToken("long", longPrompt);
        await WaitFor(() => engine.ActiveSequences == 1);
        var quick = FirstToken("short", Prompt(0));
        await Task.WhenAll(slow, quick);

        Assert.Equal(["short", "long"], order);
    }

    [Fact]
    public async Task ChunkedPrefill_GivesTheSameTokensAsOneBigStep()
    {
        var prompt = new MultimodalPrompt(
            EngineFactory.ChatPrompt($"{MultimodalPrompt.MediaMarker}{string.Concat(Enumerable.Repeat("tell me about it ", 40))}"),
            ImageInput.FromPixels(64, 64, PixelFormat.Rgb24, ColourImages.Gradient(64, 64)));
        await using var small = await EngineFactory.LoadAsync(fixture, ProjectorKind.Mlp, o => o.StepTokenBudget = 16);
        await using var large = await EngineFactory.LoadAsync(fixture, ProjectorKind.Mlp, o => o.StepTokenBudget = 4096);

        Assert.Equal(
            (await large.GenerateAsync(prompt, Fixed).CollectAsync()).TokenIds,
            (await small.GenerateAsync(prompt, Fixed).CollectAsync()).TokenIds);
    }

    [Fact]
    public async Task ManyEncodeJobsFromManyCallers_AllComplete()
    {
        // Jobs (EncodeAsync) run on the loop thread between steps; one queued just as the loop goes idle must still run.
        await using var engine = await EngineFactory.LoadAsync(fixture, ProjectorKind.Gemma3);
        var image = ImageInput.FromPixels(64, 64, PixelFormat.Rgb24, ColourImages.Gradient(64, 64));

        var callers = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            for (int i = 0; i < 40; i++)
            {
                await engine.EncodeAsync(image);
            }
        }));

        await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(60));
    }

    internal static MultimodalPrompt Prompt(int variant)
    {
        byte[] rgb = ColourImages.Gradient(64, 64);
        for (int i = 0; i < rgb.Length; i += 3)
        {
            rgb[i] = (byte)(rgb[i] + variant * 29);
        }

        return EngineFactory.Prompt(ImageInput.FromPixels(64, 64, PixelFormat.Rgb24, rgb));
    }

    internal static async Task WaitFor(Func<bool> condition)
    {
        for (int i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
