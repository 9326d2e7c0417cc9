namespace LocalMultimodal.Hub;

/// <summary>One repository in the cache, as <c>list</c> shows it.</summary>
/// <param name="Repository">The repository id.</param>
/// <param name="Revision">The revision whose commit is recorded (such as <c>main</c>); null when only snapshots exist.</param>
/// <param name="Commit">The commit of the newest snapshot.</param>
/// <param name="Files">The files of that snapshot, by path in the repository.</param>
/// <param name="SizeBytes">The bytes of all complete blobs the repository holds.</param>
public sealed record CachedModel(string Repository, string? Revision, string Commit, IReadOnlyList<string> Files, long SizeBytes);
