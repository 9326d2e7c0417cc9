using LocalMultimodal.Models;

namespace LocalMultimodal.Server.Hosting;

/// <summary>
/// The model served when no <c>--model</c> is given: the generated omni pair (a tiny LLM with a vision and
/// audio projector), written once to the user's cache. The one place that chooses it, so a better demo model
/// can replace it here alone.
/// </summary>
internal static class BuiltInModel
{
    /// <summary>Writes the files if they are missing or stale; returns their paths.</summary>
    public static (string Model, string Projector) EnsureWritten()
    {
        var models = GeneratedModels.EnsureWritten(Folder);
        return (models.Llm, models.Projector(ProjectorKind.Omni));
    }

    private static string Folder
    {
        get
        {
            string root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            return Path.Combine(string.IsNullOrEmpty(root) ? Path.GetTempPath() : root, "LocalMultimodal", "built-in-model");
        }
    }
}
