using LocalMultimodal.Gguf;

namespace LocalMultimodal.Models;

/// <summary>
/// Writes tiny, seeded GGUF models that llama.cpp and libmtmd load: a <c>llama</c> LLM (n_embd 64, ChatML,
/// SentencePiece vocabulary) and projectors for it. No weights are downloaded; the same arguments always
/// give byte-identical files. The weights are random, so the output is fluent nonsense, but it depends on
/// the prompt and the media.
/// </summary>
public static class GeneratedModels
{
    /// <summary>Seed of the LLM written by <see cref="EnsureWritten"/>.</summary>
    public const int DefaultLlmSeed = 1;

    /// <summary>Seed of the projectors written by <see cref="EnsureWritten"/>.</summary>
    public const int DefaultProjectorSeed = 2;

    /// <summary>Standard deviation of the LLM's Gaussian weights written by <see cref="EnsureWritten"/>.</summary>
    public const float DefaultLlmWeightStd = 0.02f;

    /// <summary>The LLM's file name in <see cref="EnsureWritten"/>'s folder.</summary>
    public const string LlmFileName = "llm.gguf";

    /// <summary>The M-RoPE LLM's file name in <see cref="EnsureWritten"/>'s folder.</summary>
    public const string MRopeLlmFileName = "llm-qwen2vl.gguf";

    /// <summary>Whether a projector of <paramref name="kind"/> needs an M-RoPE (<c>qwen2vl</c>) LLM.</summary>
    public static bool UsesMRope(ProjectorKind kind) => kind is ProjectorKind.Qwen2VL or ProjectorKind.Qwen25VL;

    /// <summary>Writes the tiny LLM.</summary>
    /// <param name="path">The file to create or overwrite.</param>
    /// <param name="seed">Seed of the weights.</param>
    /// <param name="weightStd">Standard deviation of the weights; norm weights are always 1.</param>
    /// <param name="f16Weights">Store the matrices as F16 instead of F32 (norms stay F32).</param>
    public static void WriteLlm(string path, int seed = DefaultLlmSeed, float weightStd = DefaultLlmWeightStd, bool f16Weights = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(weightStd);
        ModelFiles.WriteAtomically(path, LlmBytes(seed, weightStd, f16Weights));
    }

    /// <summary>Writes a projector (mmproj) for the tiny LLM.</summary>
    /// <param name="path">The file to create or overwrite.</param>
    /// <param name="kind">Which projector.</param>
    /// <param name="seed">Seed of the weights.</param>
    public static void WriteProjector(string path, ProjectorKind kind, int seed = DefaultProjectorSeed)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ModelFiles.WriteAtomically(path, GgufWriter.ToBytes(ProjectorBuilder.Build(kind, seed)));
    }

    /// <summary>The file name of a projector in <see cref="EnsureWritten"/>'s folder, e.g. <c>mmproj-vision.gguf</c>.</summary>
    public static string ProjectorFileName(ProjectorKind kind) => kind switch
    {
        ProjectorKind.Gemma3 => "mmproj-vision.gguf",
        ProjectorKind.Mlp => "mmproj-vision-mlp.gguf",
        ProjectorKind.Idefics3 => "mmproj-vision-idefics3.gguf",
        ProjectorKind.Qwen2Audio => "mmproj-audio.gguf",
        ProjectorKind.Ultravox => "mmproj-audio-ultravox.gguf",
        ProjectorKind.Omni => "mmproj-omni.gguf",
        ProjectorKind.Qwen2VL => "mmproj-qwen2vl.gguf",
        ProjectorKind.Qwen25VL => "mmproj-qwen2.5vl.gguf",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown projector kind."),
    };

    /// <summary>
    /// Makes sure <paramref name="folder"/> holds the LLM and every projector with the default seeds. Files
    /// that already have the expected bytes are left alone; missing or different ones are (re)written, each
    /// through a temporary file and a rename, so concurrent callers never see a half-written file.
    /// </summary>
    /// <param name="folder">The folder; created when missing.</param>
    /// <returns>The paths of the files.</returns>
    public static GeneratedModelSet EnsureWritten(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        Directory.CreateDirectory(folder);
        string llm = Path.Combine(folder, LlmFileName);
        ModelFiles.EnsureContent(llm, () => LlmBytes(DefaultLlmSeed, DefaultLlmWeightStd, f16Weights: false));
        string mropeLlm = Path.Combine(folder, MRopeLlmFileName);
        ModelFiles.EnsureContent(mropeLlm, () => GgufWriter.ToBytes(BuildMRopeLlm()));
        var projectors = new Dictionary<ProjectorKind, string>();
        foreach (ProjectorKind kind in Enum.GetValues<ProjectorKind>())
        {
            string path = Path.Combine(folder, ProjectorFileName(kind));
            ModelFiles.EnsureContent(path, () => GgufWriter.ToBytes(ProjectorBuilder.Build(kind, DefaultProjectorSeed)));
            projectors[kind] = path;
        }

        return new GeneratedModelSet(folder, llm, projectors, mropeLlm);
    }

    /// <summary>The tiny LLM as a document, e.g. to derive a malformed or changed file from it.</summary>
    /// <param name="seed">Seed of the weights.</param>
    /// <param name="weightStd">Standard deviation of the weights; norm weights are always 1.</param>
    /// <param name="f16Weights">Store the matrices as F16 instead of F32 (norms stay F32).</param>
    public static GgufDocument BuildLlm(int seed = DefaultLlmSeed, float weightStd = DefaultLlmWeightStd, bool f16Weights = false) =>
        SeededLlm.Build(SeededLlm.Tiny, "tiny-llama", seed, weightStd, f16Weights ? GgmlType.F16 : GgmlType.F32);

    /// <summary>
    /// The tiny LLM as a <c>qwen2vl</c> model: the same vocabulary, template and sizes, with biases on q, k and v
    /// and M-RoPE sections [2, 3, 3, 0], for the Qwen-VL projectors.
    /// </summary>
    /// <param name="seed">Seed of the weights.</param>
    /// <param name="weightStd">Standard deviation of the weights; norm weights are always 1.</param>
    public static GgufDocument BuildMRopeLlm(int seed = DefaultLlmSeed, float weightStd = DefaultLlmWeightStd) =>
        SeededLlm.Build(SeededLlm.TinyMRope, "tiny-qwen2vl", seed, weightStd, GgmlType.F32);

    private static byte[] LlmBytes(int seed, float weightStd, bool f16Weights) => GgufWriter.ToBytes(BuildLlm(seed, weightStd, f16Weights));
}
