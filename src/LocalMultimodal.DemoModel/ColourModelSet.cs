namespace LocalMultimodal.Models;

/// <summary>The paths of the colour model's files, as written by <see cref="ColourModels.EnsureWritten"/>.</summary>
/// <param name="Folder">The folder that holds them.</param>
/// <param name="Llm">The colour LLM (<c>llama</c>, one layer, ChatML).</param>
/// <param name="Gemma3Projector">Vision only, projector <c>gemma3</c>: 16 tokens per image, black letterbox bars.</param>
/// <param name="MlpProjector">Vision only, projector <c>mlp</c> (LLaVA-1.5): 64 tokens per image, mean-colour bars.</param>
/// <param name="AudioProjector">Audio only, projector <c>qwen2a</c>: 1500 tokens per clip of up to 31 s.</param>
/// <param name="CombinedProjector">The demo model's projector: <c>gemma3</c> vision and <c>qwen2a</c> audio in one file.</param>
internal sealed record ColourModelSet(
    string Folder,
    string Llm,
    string Gemma3Projector,
    string MlpProjector,
    string AudioProjector,
    string CombinedProjector);
