namespace LocalMultimodal.Hub.Api;

/// <summary>The <c>lfs</c> object of a tree entry: the content's SHA-256 and size.</summary>
internal sealed class LfsInfo
{
    public string? Oid { get; set; }

    public long Size { get; set; }
}
