using LocalMultimodal.Models;

namespace LocalMultimodal.AI.Tests;

/// <summary>
/// Generates the tiny models once per run and loads one shared engine (vision and audio) on them. Engines made by
/// tests that need their own (the DI tests) use <see cref="EngineOptions"/>.
/// </summary>
public sealed class ModelsFixture : IAsyncLifetime
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("lmm-ai-tests-");

    public GeneratedModelSet Models { get; private set; } = null!;

    public MultimodalEngine Engine { get; private set; } = null!;

    /// <summary>Options for the omni model with pinned threads, so greedy outputs are stable.</summary>
    public EngineOptions EngineOptions() => new()
    {
        ModelPath = Models.Llm,
        ProjectorPath = Models.Projector(ProjectorKind.Omni),
        ContextSize = 4096,
        Threads = 2,
        MaxConcurrentSequences = 2,
    };

    public async Task InitializeAsync()
    {
        Models = GeneratedModels.EnsureWritten(_folder.FullName);
        Engine = await MultimodalEngine.LoadAsync(EngineOptions());
    }

    public async Task DisposeAsync()
    {
        await Engine.DisposeAsync();
        _folder.Delete(recursive: true);
    }
}
