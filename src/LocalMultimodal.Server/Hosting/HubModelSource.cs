using LocalMultimodal.Hub;

namespace LocalMultimodal.Server.Hosting;

/// <summary>Where the server's model files come from: the built-in model, the paths given, or a hub model.</summary>
internal static class HubModelSource
{
    /// <summary>The hub client's log category; the server shows its progress on the console instead of in the log.</summary>
    public const string LogCategory = "LocalMultimodal.Hub";

    /// <summary>The hub client for the server's options: the environment it was started with, and <c>--offline</c>.</summary>
    public static ModelHub CreateHub(ServerOptions options, ILogger logger) =>
        new(new HubOptions { Offline = options.Offline ? true : null }, options.GetVariable, logger, handler: null);

    /// <summary>The model and projector paths to load; a hub model is found in the cache or downloaded, with progress on the console.</summary>
    /// <exception cref="HubException">The hub model could not be found, fetched or verified.</exception>
    public static async Task<(string Model, string? Projector)> ResolveAsync(ServerOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        if (options.ModelPath is null)
        {
            return BuiltInModel.EnsureWritten();
        }

        if (BuiltInModel.Names(options.ModelPath, out var layout))
        {
            // The command line refused unknown layouts already.
            return BuiltInModel.EnsureWritten(layout!.Value);
        }

        if (!ModelReference.TryParse(options.ModelPath, out var reference))
        {
            return (options.ModelPath, options.ProjectorPath);
        }

        using var hub = CreateHub(options, logger);
        Console.Out.WriteLine(hub.Offline
            ? $"Model {reference}: from the cache at {hub.CacheDirectory} (offline)"
            : $"Model {reference}: from {hub.Endpoint.GetLeftPart(UriPartial.Authority)}, cache {hub.CacheDirectory}");
        var resolved = await hub.ResolveAsync(reference, withProjector: options.ProjectorPath is null, ConsoleDownloadProgress.ForConsole(), cancellationToken);
        Console.Out.WriteLine(resolved.FromCache
            ? $"Model {reference}: found in the cache (commit {resolved.Commit[..12]}), no download needed"
            : $"Model {reference}: downloaded (commit {resolved.Commit[..12]})");
        Console.Out.Flush();
        return (resolved.ModelPath, options.ProjectorPath ?? resolved.ProjectorPath);
    }
}
