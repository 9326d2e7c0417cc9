namespace LocalMultimodal.Hub.Api;

/// <summary>A file of a repository's listing, with its name already checked as safe.</summary>
/// <param name="Path">Its path in the repository (forward slashes, no <c>..</c>).</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="Sha256">The LFS SHA-256 (lower-case hex); null for a file not stored in LFS.</param>
internal sealed record RepoFile(string Path, long Size, string? Sha256)
{
    /// <summary>The name after the last slash.</summary>
    public string Name => Path[(Path.LastIndexOf('/') + 1)..];
}
