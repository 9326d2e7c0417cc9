using LocalMultimodal.Generation;
using LocalMultimodal.Media;
using LocalMultimodal.Models;
using LocalMultimodal.Prompts;
using LocalMultimodal.Sampling;
using LocalMultimodal.Tests.Models;

namespace LocalMultimodal.Tests.Engine;

/// <summary>Loads engines on the generated models with pinned threads, so token comparisons are stable.</summary>
internal static class EngineFactory
{
    public static Task<MultimodalEngine> LoadAsync(NativeModelsFixture fixture, ProjectorKind? projector, Action<EngineOptions>? configure = null)
    {
        var options = new EngineOptions
        {
            ModelPath = fixture.Models.Llm,
            ProjectorPath = projector is { } kind ? fixture.Models.Projector(kind) : null,
            ContextSize = 4096,
            Threads = 2,
            MaxConcurrentSequences = 2,
        };
        configure?.Invoke(options);
        return MultimodalEngine.LoadAsync(options);
    }

    /// <summary>A one-turn ChatML prompt around <paramref name="user"/>.</summary>
    public static string ChatPrompt(string user) =>
        $"<|im_start|>user\n{user}<|im_end|>\n<|im_start|>assistant\n";

    /// <summary>The ChatML prompt <see cref="MediaGeneration"/> uses, so engine and raw llama.cpp runs compare.</summary>
    public static MultimodalPrompt Prompt(params MediaInput[] media) => new(
        $"<|im_start|>user\n{string.Concat(Enumerable.Repeat(MultimodalPrompt.MediaMarker, media.Length))}describe this<|im_end|>\n<|im_start|>assistant\n",
        media);

    /// <summary>Exactly <paramref name="count"/> greedy tokens, end of turn or not.</summary>
    public static async Task<IReadOnlyList<int>> GreedyTokensAsync(MultimodalEngine engine, MultimodalPrompt prompt, int count = 8)
    {
        var sampling = new SamplingOptions { Temperature = 0, MaxTokens = count, IgnoreEndOfSequence = true };
        return (await engine.GenerateAsync(prompt, sampling).CollectAsync()).TokenIds;
    }

    public static Task<IReadOnlyList<int>> GreedyTokensAsync(MultimodalEngine engine, params MediaInput[] media) =>
        GreedyTokensAsync(engine, Prompt(media));
}
