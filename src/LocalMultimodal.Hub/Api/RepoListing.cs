namespace LocalMultimodal.Hub.Api;

/// <summary>A repository's files at one commit.</summary>
/// <param name="Commit">The commit the revision pointed at.</param>
/// <param name="Files">Its files whose names passed the checks.</param>
internal sealed record RepoListing(string Commit, IReadOnlyList<RepoFile> Files);
