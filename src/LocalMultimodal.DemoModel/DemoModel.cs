namespace LocalMultimodal.Models;

/// <summary>
/// The built-in demo model: the colour model (see <see cref="ColourModels"/>) with one projector for images
/// (<c>gemma3</c>) and audio (<c>qwen2a</c>). It names an image's colour and says whether audio is silence,
/// low or high, in well under a second on a CPU, with about 1 MB of weights written on the spot.
/// </summary>
public static class DemoModel
{
    /// <summary>The LLM's <c>general.name</c>, also the name to show for the model.</summary>
    public const string Name = ColourModels.ModelName;

    /// <summary>The LLM's file name in <see cref="EnsureWritten"/>'s folder.</summary>
    public const string LlmFileName = ColourModels.LlmFileName;

    /// <summary>The projector's file name in <see cref="EnsureWritten"/>'s folder.</summary>
    public const string ProjectorFileName = ColourModels.CombinedProjectorFileName;

    /// <summary>
    /// Makes sure <paramref name="folder"/> holds the demo model's two files, writing them when missing or
    /// different (atomically, so concurrent callers are safe). The bytes are always the same.
    /// </summary>
    /// <param name="folder">The folder; created when missing.</param>
    /// <returns>The paths to load with <c>EngineOptions.ModelPath</c> and <c>EngineOptions.ProjectorPath</c>.</returns>
    public static DemoModelFiles EnsureWritten(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        Directory.CreateDirectory(folder);
        return new DemoModelFiles(ColourModels.EnsureLlm(folder), ColourModels.EnsureCombinedProjector(folder));
    }
}
