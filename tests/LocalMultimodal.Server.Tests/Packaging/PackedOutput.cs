using System.Diagnostics;

namespace LocalMultimodal.Server.Tests.Packaging;

/// <summary>
/// Packs every library and the tool once into a temporary folder, with a private global-packages folder (so packages of
/// this version from an earlier run are never reused) that restores everything else from the machine's own cache.
/// </summary>
public sealed class PackedOutput : IAsyncLifetime
{
    public static readonly string[] Libraries =
        ["LocalMultimodal.Gguf", "LocalMultimodal.Engine", "LocalMultimodal.AI", "LocalMultimodal.DemoModel", "LocalMultimodal.Hub", "LocalMultimodal.Jinja"];

    public DirectoryInfo Root { get; } = Directory.CreateTempSubdirectory("lmm-pack-");

    public string Packages => Path.Combine(Root.FullName, "packages");

    public string GlobalPackages => Path.Combine(Root.FullName, "global-packages");

    /// <summary>The version every package carries (Directory.Build.props).</summary>
    public string Version { get; } = typeof(ServerApp).Assembly.GetName().Version!.ToString(3);

    public async Task InitializeAsync()
    {
        // A nuget.config for everything these tests restore: the packed folder, the machine's cache as a local feed, nuget.org.
        string machineCache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        await File.WriteAllTextAsync(Path.Combine(Root.FullName, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{Packages}" />
                <add key="machine-cache" value="{machineCache}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        foreach (string project in Libraries.Append("LocalMultimodal.Server"))
        {
            await RunAsync("dotnet", Repository.Path("."), "pack", Repository.Path($"src/{project}/{project}.csproj"), "-c", "Release", "-o", Packages);
        }
    }

    public Task DisposeAsync()
    {
        Root.Delete(recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Runs a command to its end with the private global-packages folder; fails the test with its output unless it exits with 0.</summary>
    public async Task<string> RunAsync(string fileName, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(fileName, args)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["NUGET_PACKAGES"] = GlobalPackages;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{fileName} {string.Join(' ', args)} exited with {process.ExitCode}:\n{await output}\n{await errors}");
        return await output;
    }
}
