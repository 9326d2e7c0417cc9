using LocalMultimodal.Models;

namespace LocalMultimodal.Server.Hosting;

/// <summary>
/// The model served when no <c>--model</c> is given: the colour demo model (<see cref="DemoModel"/>: it names an
/// image's colour and says whether audio is silence, low or high), written once to the user's data folder. The one
/// place that chooses it.
/// </summary>
internal static class BuiltInModel
{
    /// <summary>Writes the files if they are missing or stale; returns their paths.</summary>
    public static (string Model, string Projector) EnsureWritten()
    {
        var files = DemoModel.EnsureWritten(Folder);
        return (files.Llm, files.Projector);
    }

    private static string Folder
    {
        get
        {
            string root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            return Path.Combine(string.IsNullOrEmpty(root) ? Path.GetTempPath() : root, "LocalMultimodal", "demo-model");
        }
    }
}
