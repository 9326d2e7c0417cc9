namespace LocalMultimodal.Models;

/// <summary>The paths of the built-in demo model, as written by <see cref="DemoModel.EnsureWritten(string, DemoModelLayout)"/>.</summary>
/// <param name="Llm">The LLM (<c>EngineOptions.ModelPath</c>).</param>
/// <param name="Projector">The projector (<c>EngineOptions.ProjectorPath</c>): images and audio unless another <see cref="DemoModelLayout"/> was asked for.</param>
public sealed record DemoModelFiles(string Llm, string Projector);
