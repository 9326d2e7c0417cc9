using LocalMultimodal.Server.Errors;
using LocalMultimodal.Server.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using CheckStatus = Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus;
using LocalMultimodal.Server.Protocol;

namespace LocalMultimodal.Server.Endpoints;

/// <summary>Maps the OpenAI-compatible routes and the operational ones.</summary>
internal static class OpenAIEndpoints
{
    public static IEndpointRouteBuilder MapOpenAIEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/v1/chat/completions", (HttpContext context, ChatCompletionsHandler handler) => handler.HandleAsync(context));
        endpoints.MapTemplateEndpoints();
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
        endpoints.MapHealthChecks("/health", ReadyOptions);
        endpoints.MapHealthChecks("/health/ready", ReadyOptions);

        // Liveness runs no check: the process answers, whatever the model's state.
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = (context, _) => context.Response.WriteAsJsonAsync(new HealthStatus { Status = "alive" }, ServerJsonContext.Default.HealthStatus),
        });
        endpoints.MapPrometheusScrapingEndpoint("/metrics");
        endpoints.MapGet("/version", () => TypedResults.Json(
            new VersionInfo { Version = ServerVersion.Version },
            ServerJsonContext.Default.VersionInfo));
        return endpoints;
    }

    /// <summary>Readiness: the model is loaded and the server is not draining (200 <c>{"status":"ready"}</c>, else 503 with the error shape).</summary>
    private static HealthCheckOptions ReadyOptions { get; } = new()
    {
        Predicate = check => check.Tags.Contains(EngineReadyCheck.Tag),
        ResponseWriter = (context, report) => report.Status == CheckStatus.Healthy
            ? context.Response.WriteAsJsonAsync(new HealthStatus { Status = "ready" }, ServerJsonContext.Default.HealthStatus)
            : ApiError.From(context.RequestServices.GetRequiredService<EngineHost>().NotReadyError(), 0).WriteAsync(context.Response, context.RequestAborted),
    };

    private static ModelCard Card(string id, MultimodalEngine engine, EngineHost host) =>
        new() { Id = id, Created = host.LoadedAt.ToUnixTimeSeconds(), MaxModelLen = engine.Capabilities.ContextSize };
}
