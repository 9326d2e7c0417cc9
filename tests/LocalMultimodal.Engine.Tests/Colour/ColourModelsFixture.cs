using LocalMultimodal.Generation;
using LocalMultimodal.Media;
using LocalMultimodal.Models;
using LocalMultimodal.Prompts;
using LocalMultimodal.Sampling;

namespace LocalMultimodal.Tests.Colour;

/// <summary>
/// Writes the colour model once per test run and keeps one engine per projector, so that each question costs
/// milliseconds. Part of the native collection, so its tests run serially with the other native tests.
/// </summary>
public sealed class ColourModelsFixture : IAsyncLifetime
{
    public const string Question = "What colour is this?";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("lmm-colour-");
    private readonly Dictionary<string, Task<MultimodalEngine>> _engines = [];
    private readonly Dictionary<string, ProjectorProbe> _probes = [];

    private readonly Dictionary<DemoModelLayout, DemoModelFiles> _files = [];

    public ColourModelsFixture()
    {
        foreach (DemoModelLayout layout in Enum.GetValues<DemoModelLayout>())
        {
            _files[layout] = DemoModel.EnsureWritten(_folder.FullName, layout);
        }
    }

    /// <summary>The colour LLM, shared by every layout.</summary>
    public string Llm => _files[DemoModelLayout.Omni].Llm;

    /// <summary>The projector's path by its test name: gemma3, mlp, audio, combined or qwen.</summary>
    public string Projector(string name) => _files[Layout(name)].Projector;

    /// <summary>The LLM a projector (by test name) goes with: the colour LLM, or its qwen2vl form for qwen.</summary>
    public string LlmFor(string name) => _files[Layout(name)].Llm;

    private static DemoModelLayout Layout(string name) => name switch
    {
        "gemma3" => DemoModelLayout.Gemma3,
        "mlp" => DemoModelLayout.Llava,
        "audio" => DemoModelLayout.Qwen2Audio,
        "combined" => DemoModelLayout.Omni,
        "qwen" => DemoModelLayout.Qwen25VL,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown projector."),
    };

    /// <summary>The shared engine on the colour LLM and a projector (by test name), loaded on first use.</summary>
    public Task<MultimodalEngine> EngineAsync(string projector)
    {
        if (!_engines.TryGetValue(projector, out Task<MultimodalEngine>? engine))
        {
            engine = LoadAsync(projector);
            _engines[projector] = engine;
        }

        return engine;
    }

    /// <summary>A new engine the caller disposes, for options the shared engines do not have.</summary>
    public Task<MultimodalEngine> LoadAsync(string projector, Action<EngineOptions>? configure = null)
    {
        var options = new EngineOptions
        {
            ModelPath = LlmFor(projector),
            ProjectorPath = Projector(projector),
            ContextSize = 4096,
            Threads = 2,
            MaxConcurrentSequences = 2,
        };
        configure?.Invoke(options);
        return MultimodalEngine.LoadAsync(options);
    }

    /// <summary>The shared colour LLM and projector (by test name) for running the projector alone.</summary>
    internal ProjectorProbe Probe(string projector)
    {
        if (!_probes.TryGetValue(projector, out ProjectorProbe? probe))
        {
            probe = new ProjectorProbe(LlmFor(projector), Projector(projector));
            _probes[projector] = probe;
        }

        return probe;
    }

    /// <summary>Asks a shared engine about the media and returns the answer word.</summary>
    public async Task<string> AskAsync(string projector, MediaInput? media, string question = Question) =>
        await AskAsync(await EngineAsync(projector), media, question);

    /// <summary>
    /// Asks through the chat path and returns the answer word. The model ends its turn right after the word,
    /// so the finish reason must be Stop, never Length.
    /// </summary>
    public static async Task<string> AskAsync(MultimodalEngine engine, MediaInput? media, string question = Question)
    {
        ChatTurnItem[] items = media is null ? [question] : [ChatTurnItem.FromMedia(media), question];
        GenerationResult result = await engine.ChatAsync([new ChatTurn("user", items)], SamplingOptions.Greedy(5)).CollectAsync();
        Assert.Equal(FinishReason.Stop, result.FinishReason);
        Assert.Single(result.TokenIds);
        return result.Text;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (Task<MultimodalEngine> engine in _engines.Values)
        {
            await (await engine).DisposeAsync();
        }

        foreach (ProjectorProbe probe in _probes.Values)
        {
            probe.Dispose();
        }

        _folder.Delete(recursive: true);
    }
}
