using LocalMultimodal.Gguf;

namespace LocalMultimodal.Models;

/// <summary>
/// Writes the bench-size model pair into a folder: the fixtures' seeded LLM and LLaVA projector generators at
/// a size where compute dominates. The same shapes and seeds give the same bytes.
/// </summary>
public static class BenchModels
{
    /// <summary>Seed of the LLM.</summary>
    public const int LlmSeed = 5;

    /// <summary>Seed of the projector.</summary>
    public const int ProjectorSeed = 6;

    /// <summary>hidden 512, 8 layers, 8 heads of 64; n_ff chosen for about 29 M parameters with the tiny vocabulary.</summary>
    public static readonly BenchLlmShape Llm = new(EmbeddingLength: 512, BlockCount: 8, HeadCount: 8, FeedForwardLength: 1536, WeightStd: 0.05f);

    /// <summary>224 px, patch 14: 256 image tokens of width 512.</summary>
    public static readonly BenchProjectorShape Projector = new(ImageSize: 224, PatchSize: 14, Width: 384, FeedForwardLength: 1536, BlockCount: 6, HeadCount: 6, OutputWidth: 512);

    /// <summary>Writes the pair into <paramref name="folder"/> (created when missing), replacing files there.</summary>
    public static BenchModelSet Write(string folder)
    {
        Directory.CreateDirectory(folder);
        BenchModelSet set = Describe(folder);
        var shape = new LlmShape(Llm.EmbeddingLength, Llm.BlockCount, Llm.HeadCount, Llm.FeedForwardLength, BenchLlmShape.ContextLength, RmsEpsilon: 1e-5f);
        ModelFiles.WriteAtomically(set.Llm, GgufWriter.ToBytes(SeededLlm.Build(shape, "bench-llama", LlmSeed, Llm.WeightStd, GgmlType.F16)));
        ModelFiles.WriteAtomically(set.Projector, GgufWriter.ToBytes(BenchProjector.Build(Projector, ProjectorSeed)));
        return set;
    }

    /// <summary>The set already written into <paramref name="folder"/> by <see cref="Write"/>.</summary>
    public static BenchModelSet Describe(string folder) => new(
        Path.Combine(folder, "bench-llm-f16.gguf"),
        Path.Combine(folder, "bench-mmproj-mlp.gguf"),
        Llm,
        Projector,
        Llm.Parameters(new TinyVocabulary().Count));
}
