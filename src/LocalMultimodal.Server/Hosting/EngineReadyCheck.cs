using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LocalMultimodal.Server.Hosting;

/// <summary>Readiness: healthy once the model is loaded, unhealthy while it loads, after a failed load, and while draining.</summary>
internal sealed class EngineReadyCheck(EngineHost host) : IHealthCheck
{
    /// <summary>The tag of the checks behind <c>/health</c> and <c>/health/ready</c>.</summary>
    public const string Tag = "ready";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(host.State == EngineState.Ready
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy(host.NotReadyError().Message));
}
