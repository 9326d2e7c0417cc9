namespace LocalMultimodal.Testing.Conformance;

/// <summary>The tool choice of a question, which each surface spells its own way; <see cref="Function"/> names the tool.</summary>
public sealed record SurfaceToolChoice(string Mode, string? Function = null)
{
    public static SurfaceToolChoice Auto { get; } = new("auto");

    public static SurfaceToolChoice None { get; } = new("none");

    public static SurfaceToolChoice Required { get; } = new("required");

    public static SurfaceToolChoice Named(string function) => new("function", function);
}
