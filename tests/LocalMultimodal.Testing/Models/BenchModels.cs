using LocalMultimodal.Gguf;

namespace LocalMultimodal.Models;

/// <summary>
/// Writes the bench-size model pairs into a folder: the fixtures' seeded LLM and LLaVA projector generators at
/// a size where compute dominates, and the same LLM as <c>qwen2vl</c> (M-RoPE) with a Qwen2-VL projector.
/// The same shapes and seeds give the same bytes.
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

    /// <summary>
    /// The Qwen2-VL projector: the LLaVA one's encoder at 448 px, patch 14, each 2×2 block of patches merged into
    /// one token, so an image is 256 tokens as in the LLaVA pair (and 1024 patches in the encoder, as Qwen2-VL has).
    /// </summary>
    public static readonly BenchProjectorShape MRopeProjector = Projector with { ImageSize = 448, MergeSize = 2 };

    /// <summary>The rotary pairs of the <c>qwen2vl</c> LLM's heads given to each M-RoPE axis (t, y, x, unused).</summary>
    public static IReadOnlyList<int> MRopeSections => LlmBaseShape().WithMRope().RopeSections!;

    /// <summary>Writes the pair into <paramref name="folder"/> (created when missing), replacing files there.</summary>
    public static BenchModelSet Write(string folder)
    {
        Directory.CreateDirectory(folder);
        BenchModelSet set = Describe(folder);
        ModelFiles.WriteAtomically(set.Llm, GgufWriter.ToBytes(SeededLlm.Build(LlmBaseShape(), "bench-llama", LlmSeed, Llm.WeightStd, GgmlType.F16)));
        ModelFiles.WriteAtomically(set.Projector, GgufWriter.ToBytes(BenchProjector.Build(Projector, ProjectorSeed)));
        return set;
    }

    /// <summary>
    /// Writes the Qwen2-VL-shaped pair into <paramref name="folder"/>: the bench LLM as <c>qwen2vl</c> (M-RoPE
    /// sections <see cref="MRopeSections"/>, q/k/v biases) and a <c>qwen2vl_merger</c> projector of <see cref="MRopeProjector"/>.
    /// </summary>
    public static BenchModelSet WriteMRope(string folder)
    {
        Directory.CreateDirectory(folder);
        BenchModelSet set = DescribeMRope(folder);
        ModelFiles.WriteAtomically(set.Llm, GgufWriter.ToBytes(SeededLlm.Build(LlmBaseShape().WithMRope(), "bench-qwen2vl", LlmSeed, Llm.WeightStd, GgmlType.F16)));
        ModelFiles.WriteAtomically(set.Projector, GgufWriter.ToBytes(BenchProjector.BuildQwen2VL(MRopeProjector, ProjectorSeed)));
        return set;
    }

    /// <summary>Tokens in the vocabulary of <see cref="WriteLargeVocabularyLlm"/>: the size of Llama 2's and Mistral's.</summary>
    public const int LargeVocabularySize = 32_000;

    /// <summary>
    /// The bench LLM with a vocabulary of about <see cref="LargeVocabularySize"/> tokens (the tiny one plus synthetic
    /// words and all their prefixes), for figures that scale with the vocabulary, such as grammar-constrained decoding.
    /// Returns the file's path.
    /// </summary>
    public static string WriteLargeVocabularyLlm(string folder)
    {
        Directory.CreateDirectory(folder);
        var letters = Enumerable.Range('a', 26).Select(c => (char)c).ToArray();
        var three = from a in letters from b in letters from c in letters select $"{a}{b}{c}";
        var four = from a in letters from b in letters from c in letters from d in letters select $"{a}{b}{c}{d}";
        int baseCount = new TinyVocabulary().Count;

        // Three-letter words add themselves and their prefixes; four-letter ones one token each, up to the size.
        var words = three.Concat(four.Take(LargeVocabularySize - baseCount - (26 * 26 * 26) - (26 * 26) - 26)).ToList();
        var vocabulary = new TinyVocabulary(words);
        string path = Path.Combine(folder, "bench-llm-32k-f16.gguf");
        ModelFiles.WriteAtomically(path, GgufWriter.ToBytes(SeededLlm.Build(LlmBaseShape(), "bench-llama-32k", LlmSeed, Llm.WeightStd, GgmlType.F16, vocabulary)));
        return path;
    }

    /// <summary>The set already written into <paramref name="folder"/> by <see cref="Write"/>.</summary>
    public static BenchModelSet Describe(string folder) => new(
        Path.Combine(folder, "bench-llm-f16.gguf"),
        Path.Combine(folder, "bench-mmproj-mlp.gguf"),
        Llm,
        Projector,
        Llm.Parameters(new TinyVocabulary().Count));

    /// <summary>The Qwen2-VL-shaped set already written into <paramref name="folder"/> by <see cref="WriteMRope"/>.</summary>
    public static BenchModelSet DescribeMRope(string folder) => new(
        Path.Combine(folder, "bench-llm-qwen2vl-f16.gguf"),
        Path.Combine(folder, "bench-mmproj-qwen2vl.gguf"),
        Llm,
        MRopeProjector,
        MRopeParameters(new TinyVocabulary().Count));

    private static LlmShape LlmBaseShape() =>
        new(Llm.EmbeddingLength, Llm.BlockCount, Llm.HeadCount, Llm.FeedForwardLength, BenchLlmShape.ContextLength, RmsEpsilon: 1e-5f);

    /// <summary>The <c>llama</c> count plus the q, k and v biases of every block.</summary>
    private static long MRopeParameters(int vocabulary) => Llm.Parameters(vocabulary) + (3L * Llm.EmbeddingLength * Llm.BlockCount);
}
