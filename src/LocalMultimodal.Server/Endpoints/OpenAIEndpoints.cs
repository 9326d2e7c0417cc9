using System.Reflection;
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
        endpoints.MapTemplateEndpoints();
        endpoints.MapGet("/v1/models", (EngineHost host) =>
        {
            var engine = host.Require();
            long created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var models = new ModelList
            {
                Data = [.. host.ModelIds.Select(id => new ModelCard { Id = id, Created = created, MaxModelLen = engine.Capabilities.ContextSize })],
            };
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

    private static string Version(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? assembly.GetName().Version?.ToString()
        ?? "unknown";
}
