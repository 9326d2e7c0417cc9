using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace LocalMultimodal.Server.Hosting;

/// <summary>
/// What the server prints at start-up: where it listens, the model, its modalities and limits. Plain lines on
/// standard output (not log records) so a person, or a test, can read them as they are.
/// </summary>
internal sealed class StartupBanner(IServer server, ServerOptions options, EngineHost host)
{
    /// <summary>The line that says the server answers requests now.</summary>
    public const string ReadyLine = "Ready.";

    private static TextWriter Output => Console.Out;

    /// <summary>Where the server listens, once Kestrel has bound its port (the real port when 0 was asked for).</summary>
    public IReadOnlyList<string> Addresses => server.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];

    public void Listening()
    {
        foreach (string address in Addresses)
        {
            Output.WriteLine($"Listening on {address}");
        }

        Output.Flush();
    }

    public void ModelReady(MultimodalEngine engine, EngineOptions engineOptions)
    {
        var capabilities = engine.Capabilities;
        string modalities = capabilities.Modalities.Count == 0
            ? "text only"
            : "text, " + string.Join(", ", capabilities.Modalities.Order().Select(m => m.ToString().ToLowerInvariant()));
        string limits = options.LimitPerPrompt.Count == 0
            ? "none"
            : string.Join(", ", options.LimitPerPrompt.OrderBy(p => p.Key).Select(p => $"{p.Key.ToString().ToLowerInvariant()} {p.Value}"));
        Output.WriteLine($"Model: {capabilities.ModelName} ({engineOptions.ModelPath}), served as '{host.ModelId}'");
        Output.WriteLine($"Projector: {engineOptions.ProjectorPath ?? "none"}");
        Output.WriteLine($"Modalities: {modalities}");
        Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Limits: media per prompt {limits}; context {capabilities.ContextSize} tokens; {capabilities.MaxConcurrentSequences} parallel; " +
            $"queue {options.MaxQueuedRequests}; request body {options.MaxRequestBytes} bytes"));
        Output.WriteLine(options.ApiKey is null ? "API key: none (every route is open)" : "API key: required");
        Output.WriteLine(ReadyLine);
        Output.Flush();
    }

    public void LoadFailed(string reason)
    {
        Console.Error.WriteLine($"error: {reason}");
        Console.Error.Flush();
    }
}
