using LocalMultimodal.Hub;
using Microsoft.Extensions.Logging;

namespace LocalMultimodal.Loading;

/// <summary>Turns an <c>owner/repo[:quant]</c> in <see cref="EngineOptions.ModelPath"/> into the files' cached paths.</summary>
internal static class HubModelPaths
{
    /// <summary>Leaves paths alone; resolves a hub reference (downloading what is missing) and writes the paths back.</summary>
    /// <exception cref="HubException">The model could not be found, fetched or verified.</exception>
    public static async Task ResolveAsync(EngineOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        if (!ModelReference.TryParse(options.ModelPath, out var reference))
        {
            return;
        }

        using var hub = new ModelHub(options.Hub, logger);
        var resolved = await hub.ResolveAsync(reference, withProjector: options.ProjectorPath is null, progress: null, cancellationToken).ConfigureAwait(false);
        options.ModelPath = resolved.ModelPath;
        options.ProjectorPath ??= resolved.ProjectorPath;
    }
}
