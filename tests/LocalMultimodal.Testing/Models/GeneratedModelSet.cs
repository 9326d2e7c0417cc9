namespace LocalMultimodal.Models;

/// <summary>The paths of the generated model files, as written by <see cref="GeneratedModels.EnsureWritten"/>.</summary>
/// <param name="Folder">The folder that holds them.</param>
/// <param name="Llm">The tiny <c>llama</c> LLM (<c>llm.gguf</c>).</param>
/// <param name="Projectors">One mmproj file per <see cref="ProjectorKind"/>.</param>
/// <param name="MRopeLlm">The tiny LLM as a <c>qwen2vl</c> (M-RoPE) model (<c>llm-qwen2vl.gguf</c>), for the Qwen-VL projectors.</param>
public sealed record GeneratedModelSet(string Folder, string Llm, IReadOnlyDictionary<ProjectorKind, string> Projectors, string MRopeLlm)
{
    /// <summary>The path of the projector of a kind.</summary>
    public string Projector(ProjectorKind kind) => Projectors[kind];

    /// <summary>The LLM a projector of <paramref name="kind"/> goes with: the M-RoPE one for the Qwen-VL kinds.</summary>
    public string LlmFor(ProjectorKind kind) => GeneratedModels.UsesMRope(kind) ? MRopeLlm : Llm;
}
