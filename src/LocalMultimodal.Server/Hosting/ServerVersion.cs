using System.Reflection;

namespace LocalMultimodal.Server.Hosting;

/// <summary>The server's version, and the LLamaSharp and llama.cpp builds it carries (for <c>--version</c> and <c>/version</c>).</summary>
internal static class ServerVersion
{
    public static string Version { get; } = Informational(typeof(ServerVersion).Assembly);

    /// <summary>The llama.cpp commit LLamaSharp's natives are built from, recorded at build time (Directory.Build.props).</summary>
    public static string LlamaCppCommit { get; } = Metadata("LlamaCppCommit");

    /// <summary>LLamaSharp's assembly carries no version of its own (0.0.0.0): the package version is recorded at build time.</summary>
    public static string LlamaSharpVersion { get; } = Metadata("LLamaSharpVersion");

    public static string Describe() =>
        $"localmm {Version} (LocalMultimodal.Server; LLamaSharp {LlamaSharpVersion}; llama.cpp {LlamaCppCommit[..Math.Min(7, LlamaCppCommit.Length)]})";

    private static string Metadata(string key) =>
        typeof(ServerVersion).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value ?? "unknown";

    private static string Informational(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? assembly.GetName().Version?.ToString()
        ?? "unknown";
}
