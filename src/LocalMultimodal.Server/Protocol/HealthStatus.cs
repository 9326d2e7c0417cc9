namespace LocalMultimodal.Server.Protocol;

/// <summary>The body of a ready <c>GET /health</c>.</summary>
internal sealed class HealthStatus
{
    public required string Status { get; init; }
}
