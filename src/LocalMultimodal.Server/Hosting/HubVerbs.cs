using System.Globalization;
using LocalMultimodal.Hub;
using Microsoft.Extensions.Logging.Abstractions;

namespace LocalMultimodal.Server.Hosting;

/// <summary>The verbs that manage the model cache instead of serving: <c>pull REPO[:QUANT]</c> and <c>list</c>, as <c>ollama pull</c> / <c>ollama list</c>.</summary>
internal static class HubVerbs
{
    /// <summary>True when the arguments start with a verb.</summary>
    public static bool IsVerb(IReadOnlyList<string> args) => args.Count > 0 && args[0] is "pull" or "list";

    /// <summary>Runs the verb; returns the exit code (0 done, 1 the hub failed, 2 bad usage).</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, Func<string, string?> getVariable, CancellationToken cancellationToken)
    {
        var options = new ServerOptions { GetVariable = getVariable };
        var rest = args.Skip(1).ToList();
        options.Offline = rest.Remove("--offline");
        try
        {
            using var hub = HubModelSource.CreateHub(options, NullLogger.Instance);
            return args[0] switch
            {
                "pull" when rest is [var model] && ModelReference.TryParse(model, out var reference) => await PullAsync(hub, reference, cancellationToken),
                "pull" => Usage("pull takes one model reference, owner/repo[:quant], such as ggml-org/gemma-3-4b-it-GGUF:Q4_K_M."),
                _ when rest.Count > 0 => Usage($"list takes no arguments, not '{rest[0]}'."),
                _ => List(hub),
            };
        }
        catch (Exception e) when (e is HubException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> PullAsync(ModelHub hub, ModelReference reference, CancellationToken cancellationToken)
    {
        Console.Out.WriteLine($"Pulling {reference} from {hub.Endpoint.GetLeftPart(UriPartial.Authority)} into {hub.CacheDirectory}");
        var resolved = await hub.PullAsync(reference, withProjector: true, ConsoleDownloadProgress.ForConsole(), cancellationToken);
        Console.Out.WriteLine($"Model: {resolved.ModelPath}");
        Console.Out.WriteLine($"Projector: {resolved.ProjectorPath}");
        Console.Out.WriteLine($"{reference} is ready at commit {resolved.Commit[..12]}; serve it with --model {reference} (it starts offline from now on).");
        return 0;
    }

    private static int List(ModelHub hub)
    {
        var models = hub.ListCache();
        if (models.Count == 0)
        {
            Console.Out.WriteLine($"No models in the cache at {hub.CacheDirectory}.");
            return 0;
        }

        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"REPOSITORY",-44} {"COMMIT",-12} {"SIZE",9}  FILES"));
        foreach (var model in models)
        {
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{model.Repository,-44} {model.Commit[..Math.Min(12, model.Commit.Length)],-12} {ByteSize.Format(model.SizeBytes),9}  {string.Join(", ", model.Files)}"));
        }

        Console.Out.WriteLine($"Cache: {hub.CacheDirectory}");
        return 0;
    }

    private static int Usage(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return 2;
    }
}
