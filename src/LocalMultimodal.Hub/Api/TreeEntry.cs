namespace LocalMultimodal.Hub.Api;

/// <summary>One entry of <c>GET /api/models/{repo}/tree/{revision}?recursive=true</c>.</summary>
internal sealed class TreeEntry
{
    public string? Type { get; set; }

    public string? Path { get; set; }

    public long Size { get; set; }

    public string? Oid { get; set; }

    public LfsInfo? Lfs { get; set; }
}
