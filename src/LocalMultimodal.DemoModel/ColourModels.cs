using LocalMultimodal.Gguf;

namespace LocalMultimodal.Models;

/// <summary>
/// Writes the colour model: a tiny LLM and projectors whose weights are constructed, not trained, so that the
/// model answers an image with the nearest of 12 palette colours to the image's mean colour (black, white,
/// gray, red, green, blue, yellow, cyan, magenta, orange, purple, pink), a prompt without media with
/// <c>none</c>, and audio with <c>silence</c>, <c>low</c> or <c>high</c>, each followed by the end of the
/// turn. It answers to any prompt and does not read the question. Exact answers make it an end-to-end test of
/// media handling: swapped channels, missing alpha compositing, cropping or stretching, and wrong sample
/// rates all change the answer. Every tensor is F32: the logits need f32 resolution.
/// </summary>
internal static class ColourModels
{
    /// <summary>The LLM's <c>general.name</c>.</summary>
    public const string ModelName = "localmm-colour-demo";

    /// <summary>The LLM's file name in <see cref="EnsureWritten"/>'s folder.</summary>
    public const string LlmFileName = "colour-llm.gguf";

    /// <summary>The gemma3 vision projector's file name.</summary>
    public const string Gemma3ProjectorFileName = "colour-mmproj.gguf";

    /// <summary>The mlp (LLaVA-1.5) vision projector's file name.</summary>
    public const string MlpProjectorFileName = "colour-mmproj-llava.gguf";

    /// <summary>The qwen2a audio projector's file name.</summary>
    public const string AudioProjectorFileName = "colour-mmproj-audio.gguf";

    /// <summary>The combined gemma3 + qwen2a projector's file name.</summary>
    public const string CombinedProjectorFileName = "colour-mmproj-omni.gguf";

    /// <summary>
    /// Makes sure <paramref name="folder"/> holds the LLM and all four projectors. Files that already have the
    /// expected bytes are left alone; missing or different ones are (re)written through a temporary file and a
    /// rename, so concurrent callers never see a half-written file. The bytes are always the same.
    /// </summary>
    /// <param name="folder">The folder; created when missing.</param>
    /// <returns>The paths of the files.</returns>
    public static ColourModelSet EnsureWritten(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        Directory.CreateDirectory(folder);
        return new ColourModelSet(
            folder,
            EnsureLlm(folder),
            Ensure(folder, Gemma3ProjectorFileName, () => ColourProjectors.Gemma3($"{ModelName}-mmproj-gemma3")),
            Ensure(folder, MlpProjectorFileName, () => ColourProjectors.Mlp($"{ModelName}-mmproj-mlp")),
            Ensure(folder, AudioProjectorFileName, () => ColourProjectors.Qwen2Audio($"{ModelName}-mmproj-qwen2a")),
            EnsureCombinedProjector(folder));
    }

    internal static string EnsureLlm(string folder) => Ensure(folder, LlmFileName, () => ColourLlm.Build(ModelName));

    internal static string EnsureCombinedProjector(string folder) =>
        Ensure(folder, CombinedProjectorFileName, () => ColourProjectors.Combined($"{ModelName}-mmproj"));

    private static string Ensure(string folder, string fileName, Func<GgufDocument> build)
    {
        string path = Path.Combine(folder, fileName);
        ModelFiles.EnsureContent(path, () => GgufWriter.ToBytes(build()));
        return path;
    }
}
