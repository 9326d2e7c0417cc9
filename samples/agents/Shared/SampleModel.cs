using LocalMultimodal.Models;

namespace LocalMultimodal.Samples;

/// <summary>
/// The one place that picks the samples' model: <c>--model</c>/<c>--mmproj</c> when given, else the built-in
/// generated model (tiny and random: its answers are fluent nonsense, but they depend on the image and the audio).
/// </summary>
internal static class SampleModel
{
    public static (string Model, string? Projector) Resolve(string[] args)
    {
        if (Argument(args, "--model") is { } model)
        {
            return (model, Argument(args, "--mmproj"));
        }

        var generated = GeneratedModels.EnsureWritten(Path.Combine(Path.GetTempPath(), "localmultimodal-sample-models"));
        return (generated.Llm, generated.Projector(ProjectorKind.Omni));
    }

    public static string? Argument(string[] args, string name)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
