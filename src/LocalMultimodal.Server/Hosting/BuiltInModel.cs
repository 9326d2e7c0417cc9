using LocalMultimodal.Models;

namespace LocalMultimodal.Server.Hosting;

/// <summary>
/// The model served when no <c>--model</c> is given, or with <c>--model demo[:LAYOUT]</c>: the colour demo model
/// (<see cref="DemoModel"/>: it names an image's colour and says whether audio is silence, low or high), written once
/// to the user's data folder. <c>demo:qwen2.5-vl</c> serves it in the Qwen2.5-VL layout (M-RoPE); plain <c>demo</c>
/// is the default layout. The one place that chooses it.
/// </summary>
internal static class BuiltInModel
{
    /// <summary>The <c>--model</c> value that names the built-in model.</summary>
    public const string Name = "demo";

    private static readonly Dictionary<string, DemoModelLayout> Layouts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["omni"] = DemoModelLayout.Omni,
        ["gemma3"] = DemoModelLayout.Gemma3,
        ["llava"] = DemoModelLayout.Llava,
        ["qwen2-audio"] = DemoModelLayout.Qwen2Audio,
        ["qwen2.5-vl"] = DemoModelLayout.Qwen25VL,
    };

    /// <summary>The layout names <c>demo:LAYOUT</c> takes.</summary>
    public static IEnumerable<string> LayoutNames => Layouts.Keys;

    /// <summary>
    /// Whether <paramref name="model"/> names the built-in model (<c>demo</c> or <c>demo:LAYOUT</c>) and not an
    /// existing file; <paramref name="layout"/> is null for an unknown layout name.
    /// </summary>
    public static bool Names(string model, out DemoModelLayout? layout)
    {
        layout = null;
        if (File.Exists(model))
        {
            return false;
        }

        if (string.Equals(model, Name, StringComparison.OrdinalIgnoreCase))
        {
            layout = DemoModelLayout.Omni;
            return true;
        }

        if (!model.StartsWith(Name + ":", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        layout = Layouts.TryGetValue(model[(Name.Length + 1)..], out var known) ? known : null;
        return true;
    }

    /// <summary>Writes the files of <paramref name="layout"/> if they are missing or stale; returns their paths.</summary>
    public static (string Model, string Projector) EnsureWritten(DemoModelLayout layout = DemoModelLayout.Omni)
    {
        var files = DemoModel.EnsureWritten(DemoModel.DefaultFolder, layout);
        return (files.Llm, files.Projector);
    }
}
