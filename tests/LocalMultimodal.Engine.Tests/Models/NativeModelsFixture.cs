using System.Collections.Concurrent;
using LLama;
using LLama.Common;
using LLama.Native;
using LocalMultimodal.Loading;
using LocalMultimodal.Models;

namespace LocalMultimodal.Tests.Models;

/// <summary>Generates the models once into a temporary folder and loads the LLM and projectors lazily.</summary>
public sealed class NativeModelsFixture : IDisposable
{
    private readonly DirectoryInfo _folder;
    private readonly ConcurrentDictionary<ProjectorKind, MtmdWeights> _projectors = new();
    private readonly Lazy<LLamaWeights> _mropeWeights;

    public NativeModelsFixture()
    {
        // The engine's own log routing, so native tests and engine tests share one native setup.
        LocalMultimodal.Native.NativeLog.Initialize(logger: null);
        _folder = Directory.CreateTempSubdirectory("lmm-fixtures-");
        Models = GeneratedModels.EnsureWritten(_folder.FullName);
        ModelValidator.Validate(Models.Llm);
        LlmParams = new ModelParams(Models.Llm) { ContextSize = 4096, GpuLayerCount = 0, Threads = 2, BatchThreads = 2 };
        Weights = LLamaWeights.LoadFromFile(LlmParams);
        MRopeLlmParams = new ModelParams(Models.MRopeLlm) { ContextSize = 4096, GpuLayerCount = 0, Threads = 2, BatchThreads = 2 };
        _mropeWeights = new(() => LLamaWeights.LoadFromFile(MRopeLlmParams));
    }

    public GeneratedModelSet Models { get; }

    public ModelParams LlmParams { get; }

    public LLamaWeights Weights { get; }

    public ModelParams MRopeLlmParams { get; }

    /// <summary>The <c>qwen2vl</c> LLM the Qwen-VL projectors go with, loaded on first use.</summary>
    public LLamaWeights MRopeWeights => _mropeWeights.Value;

    /// <summary>The LLM weights and parameters a projector of <paramref name="kind"/> goes with.</summary>
    public (LLamaWeights Weights, ModelParams Params) LlmFor(ProjectorKind kind) =>
        GeneratedModels.UsesMRope(kind) ? (MRopeWeights, MRopeLlmParams) : (Weights, LlmParams);

    public MtmdWeights Projector(ProjectorKind kind) => _projectors.GetOrAdd(kind, k =>
    {
        MtmdContextParams parameters = MtmdContextParams.Default();
        parameters.UseGpu = false;
        parameters.NThreads = 2;
        ProjectorValidator.Validate(Models.Projector(k)); // what the engine does before every native load
        return MtmdWeights.LoadFromFile(Models.Projector(k), LlmFor(k).Weights, parameters);
    });

    public void Dispose()
    {
        foreach (MtmdWeights projector in _projectors.Values)
        {
            projector.Dispose();
        }

        Weights.Dispose();
        if (_mropeWeights.IsValueCreated)
        {
            _mropeWeights.Value.Dispose();
        }

        _folder.Delete(recursive: true);
    }
}
