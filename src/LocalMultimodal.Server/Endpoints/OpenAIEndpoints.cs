using System.Reflection;
using LocalMultimodal.Server.Errors;
using LocalMultimodal.Server.Hosting;
using LocalMultimodal.Server.Metrics;
using LocalMultimodal.Server.Protocol;

namespace LocalMultimodal.Server.Endpoints;

/// <summary>Maps the OpenAI-compatible routes and the operational ones.</summary>
internal static class OpenAIEndpoints
{
    public static IEndpointRouteBuilder MapOpenAIEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/v1/chat/completions", (HttpContext context, ChatCompletionsHandler handler) => handler.HandleAsync(context));
        endpoints.MapPost("/v1/completions", (HttpContext context, CompletionsHandler handler) => handler.HandleAsync(context));
        endpoints.MapGet("/v1/models/{id}", (string id, EngineHost host) =>
        {
            var engine = host.Require();
            return host.ModelIds.Contains(id)
                ? TypedResults.Json(Card(id, engine, host), ServerJsonContext.Default.ModelCard)
                : throw ApiException.NotFound($"The model '{id}' does not exist; this server serves '{host.ModelId}'.", "model_not_found", "model");
        });
        endpoints.MapGet("/v1/models", (EngineHost host) =>
        {
            var engine = host.Require();
            var models = new ModelList { Data = [.. host.ModelIds.Select(id => Card(id, engine, host))] };
            return TypedResults.Json(models, ServerJsonContext.Default.ModelList);
        });
        endpoints.MapGet("/health", (EngineHost host) =>
        {
            host.Require();
            return TypedResults.Json(new HealthStatus { Status = "ready" }, ServerJsonContext.Default.HealthStatus);
        });
        endpoints.MapGet("/metrics", (EngineHost host, ServerMetrics metrics) =>
            TypedResults.Text(metrics.Render(host), "text/plain; version=0.0.4; charset=utf-8"));
        endpoints.MapGet("/version", () => TypedResults.Json(
            new VersionInfo { Version = Version(typeof(OpenAIEndpoints).Assembly) },
            ServerJsonContext.Default.VersionInfo));
        return endpoints;
    }

    private static ModelCard Card(string id, MultimodalEngine engine, EngineHost host) =>
        new() { Id = id, Created = host.LoadedAt.ToUnixTimeSeconds(), MaxModelLen = engine.Capabilities.ContextSize };

    private static string Version(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? assembly.GetName().Version?.ToString()
        ?? "unknown";
}
