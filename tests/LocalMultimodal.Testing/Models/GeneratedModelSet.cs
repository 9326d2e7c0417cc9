namespace LocalMultimodal.Models;

/// <summary>The paths of the generated model files, as written by <see cref="GeneratedModels.EnsureWritten"/>.</summary>
/// <param name="Folder">The folder that holds them.</param>
/// <param name="Llm">The tiny <c>llama</c> LLM (<c>llm.gguf</c>).</param>
/// <param name="Projectors">One mmproj file per <see cref="ProjectorKind"/>.</param>
public sealed record GeneratedModelSet(string Folder, string Llm, IReadOnlyDictionary<ProjectorKind, string> Projectors)
{
    /// <summary>The path of the projector of a kind.</summary>
    public string Projector(ProjectorKind kind) => Projectors[kind];
}
