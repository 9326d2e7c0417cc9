using LocalMultimodal.Gguf;

namespace LocalMultimodal.Models;

/// <summary>
/// The built-in demo model: a tiny LLM and a projector whose weights are constructed, not trained, so that
/// every answer can be checked. It answers an image with the nearest of 12 palette colours to the image's mean
/// colour (black, white, gray, red, green, blue, yellow, cyan, magenta, orange, purple, pink), audio with
/// <c>silence</c>, <c>low</c> or <c>high</c>, and a prompt without media with <c>none</c>, each followed by the
/// end of the turn, in well under a second on a CPU. It does not read the question. Exact answers make it an
/// end-to-end test of media handling: swapped channels, missing alpha compositing, cropping or stretching, and
/// wrong sample rates all change the answer. Every tensor is F32: the logits need f32 resolution.
/// </summary>
public static class DemoModel
{
    /// <summary>The LLM's <c>general.name</c>, also the name to show for the model.</summary>
    public const string Name = "localmm-colour-demo";

    /// <summary>The LLM's file name in <see cref="EnsureWritten(string)"/>'s folder.</summary>
    public const string LlmFileName = "colour-llm.gguf";

    /// <summary>The LLM's file name for <see cref="DemoModelLayout.Qwen25VL"/> (a <c>qwen2vl</c> model).</summary>
    public const string QwenLlmFileName = "colour-llm-qwen2vl.gguf";

    /// <summary>The default (<see cref="DemoModelLayout.Omni"/>) projector's file name.</summary>
    public const string ProjectorFileName = "colour-mmproj-omni.gguf";

    /// <summary>
    /// Where the server and the chat client write the demo model when no folder is given: <c>LocalMultimodal/demo-model</c>
    /// under the user's local application data (the temporary folder when there is none).
    /// </summary>
    public static string DefaultFolder
    {
        get
        {
            string root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            return Path.Combine(string.IsNullOrEmpty(root) ? Path.GetTempPath() : root, "LocalMultimodal", "demo-model");
        }
    }

    /// <summary>
    /// Makes sure <paramref name="folder"/> holds the demo model with its default projector (images and audio),
    /// writing the files when missing or different (atomically, so concurrent callers are safe). The bytes are
    /// always the same.
    /// </summary>
    /// <param name="folder">The folder; created when missing.</param>
    /// <returns>The paths to load with <c>EngineOptions.ModelPath</c> and <c>EngineOptions.ProjectorPath</c>.</returns>
    public static DemoModelFiles EnsureWritten(string folder) => EnsureWritten(folder, DemoModelLayout.Omni);

    /// <summary>
    /// Makes sure <paramref name="folder"/> holds the demo model with the projector of <paramref name="layout"/>.
    /// The layouts share the LLM file; each projector has its own file, so one folder can hold all of them.
    /// </summary>
    /// <param name="folder">The folder; created when missing.</param>
    /// <param name="layout">Which projector.</param>
    /// <returns>The paths to load with <c>EngineOptions.ModelPath</c> and <c>EngineOptions.ProjectorPath</c>.</returns>
    public static DemoModelFiles EnsureWritten(string folder, DemoModelLayout layout)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        Directory.CreateDirectory(folder);
        if (layout == DemoModelLayout.Qwen25VL)
        {
            // Qwen-VL images need an M-RoPE LLM, so this layout has its own.
            return new DemoModelFiles(
                Ensure(folder, QwenLlmFileName, () => ColourLlm.Build(Name, mrope: true)),
                Ensure(folder, "colour-mmproj-qwen2.5vl.gguf", () => ColourProjectors.QwenCombined($"{Name}-mmproj-qwen2.5vl")));
        }

        (string fileName, Func<GgufDocument> build) = layout switch
        {
            DemoModelLayout.Omni => (ProjectorFileName, (Func<GgufDocument>)(()  => ColourProjectors.Combined($"{Name}-mmproj"))),
            DemoModelLayout.Gemma3 => ("colour-mmproj.gguf", () => ColourProjectors.Gemma3($"{Name}-mmproj-gemma3")),
            DemoModelLayout.Llava => ("colour-mmproj-llava.gguf", () => ColourProjectors.Mlp($"{Name}-mmproj-mlp")),
            DemoModelLayout.Qwen2Audio => ("colour-mmproj-audio.gguf", () => ColourProjectors.Qwen2Audio($"{Name}-mmproj-qwen2a")),
            _ => throw new ArgumentOutOfRangeException(nameof(layout), layout, "Unknown demo model layout."),
        };
        return new DemoModelFiles(Ensure(folder, LlmFileName, () => ColourLlm.Build(Name)), Ensure(folder, fileName, build));
    }

    private static string Ensure(string folder, string fileName, Func<GgufDocument> build)
    {
        string path = Path.Combine(folder, fileName);
        ModelFiles.EnsureContent(path, () => GgufWriter.ToBytes(build()));
        return path;
    }
}
