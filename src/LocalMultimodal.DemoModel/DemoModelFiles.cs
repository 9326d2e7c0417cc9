namespace LocalMultimodal.Models;

/// <summary>The paths of the built-in demo model, as written by <see cref="DemoModel.EnsureWritten"/>.</summary>
/// <param name="Llm">The LLM (<c>EngineOptions.ModelPath</c>).</param>
/// <param name="Projector">The vision and audio projector (<c>EngineOptions.ProjectorPath</c>).</param>
public sealed record DemoModelFiles(string Llm, string Projector);
