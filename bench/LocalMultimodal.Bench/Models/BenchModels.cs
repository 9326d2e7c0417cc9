using LocalMultimodal.Gguf;
using LocalMultimodal.Models;

namespace LocalMultimodal.Bench.Models;

/// <summary>Writes the bench-size model pair into a folder; the same shapes and seeds give the same bytes.</summary>
internal static class BenchModels
{
    public const int LlmSeed = 5;
    public const int ProjectorSeed = 6;

    /// <summary>hidden 512, 8 layers, 8 heads of 64; n_ff chosen for about 29 M parameters with the tiny vocabulary.</summary>
    public static readonly BenchLlmShape Llm = new(EmbeddingLength: 512, BlockCount: 8, HeadCount: 8, FeedForwardLength: 1536, WeightStd: 0.05f);

    /// <summary>224 px, patch 14: 256 image tokens of width 512.</summary>
    public static readonly BenchProjectorShape Projector = new(ImageSize: 224, PatchSize: 14, Width: 384, FeedForwardLength: 1536, BlockCount: 6, HeadCount: 6, OutputWidth: 512);

    public static BenchModelSet Write(string folder)
    {
        Directory.CreateDirectory(folder);
        var vocabulary = new TinyVocabulary();
        string llm = Path.Combine(folder, "bench-llm-f16.gguf");
        string projector = Path.Combine(folder, "bench-mmproj-mlp.gguf");
        ModelFiles.WriteAtomically(llm, GgufWriter.ToBytes(BenchLlm.Build(Llm, vocabulary, LlmSeed)));
        ModelFiles.WriteAtomically(projector, GgufWriter.ToBytes(BenchProjector.Build(Projector, ProjectorSeed)));
        return Describe(folder);
    }

    /// <summary>The set already written into <paramref name="folder"/> by <see cref="Write"/>.</summary>
    public static BenchModelSet Describe(string folder) => new(
        Path.Combine(folder, "bench-llm-f16.gguf"),
        Path.Combine(folder, "bench-mmproj-mlp.gguf"),
        Llm,
        Projector,
        Llm.Parameters(new TinyVocabulary().Count));
}
