using LocalMultimodal.Models;

namespace LocalMultimodal.Samples;

/// <summary>
/// The one place that picks the samples' model: <c>--model</c>/<c>--mmproj</c> when given, else the built-in demo
/// model (<see cref="DemoModel"/>: it names an image's colour and says whether a sound is silence, low or high).
/// </summary>
internal static class SampleModel
{
    public static (string Model, string? Projector) Resolve(string[] args)
    {
        if (Argument(args, "--model") is { } model)
        {
            return (model, Argument(args, "--mmproj"));
        }

        var demo = DemoModel.EnsureWritten(Path.Combine(Path.GetTempPath(), "localmultimodal-sample-models"));
        return (demo.Llm, demo.Projector);
    }

    public static string? Argument(string[] args, string name)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
