using LocalMultimodal.Models;

namespace LocalMultimodal.Server.Tests.Infrastructure;

/// <summary>The generated models, written once per test run into a temporary folder that is removed at exit.</summary>
internal static class TestModels
{
    private static readonly Lazy<GeneratedModelSet> Set = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("lmm-server-tests-");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A server process may still hold a file; the temp folder is cleaned by the OS eventually.
            }
        };
        return GeneratedModels.EnsureWritten(folder.FullName);
    });

    public static string Llm => Set.Value.Llm;

    /// <summary>The omni projector: images and audio, as the built-in model has.</summary>
    public static string Projector => Set.Value.Projector(ProjectorKind.Omni);

    /// <summary>The LLM and projector of a kind (the M-RoPE LLM for the Qwen-VL kinds).</summary>
    public static (string Llm, string Projector) Pair(ProjectorKind kind) => (Set.Value.LlmFor(kind), Set.Value.Projector(kind));
}
