namespace LocalMultimodal.Server.Protocol;

/// <summary>The body of <c>GET /version</c>.</summary>
internal sealed class VersionInfo
{
    public required string Version { get; init; }
}
