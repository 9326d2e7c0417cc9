using LocalMultimodal.Models;
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

    public static string ChatPrompt(string user) =>
        $"<|im_start|>user\n{user}<|im_end|>\n<|im_start|>assistant\n";
}
