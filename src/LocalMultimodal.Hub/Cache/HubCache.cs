namespace LocalMultimodal.Hub.Cache;

/// <summary>The cache root (<c>HF_HUB_CACHE</c>): its repositories, for <c>list</c>.</summary>
internal static class HubCache
{
    public static IReadOnlyList<CachedModel> List(string root, string revision)
    {
        if (!Directory.Exists(root))
        {
            return [];
        }

        var models = new List<CachedModel>();
        foreach (var folder in new DirectoryInfo(root).EnumerateDirectories(RepoCache.FolderPrefix + "*").OrderBy(d => d.Name, StringComparer.OrdinalIgnoreCase))
        {
            string[] parts = folder.Name[RepoCache.FolderPrefix.Length..].Split("--");
            if (parts.Length != 2)
            {
                continue;
            }

            var repo = new RepoCache(root, $"{parts[0]}/{parts[1]}");
            string? commit = repo.ReadRef(revision);
            bool hasRef = commit is not null && repo.SnapshotFiles(commit).Count > 0;
            commit = hasRef ? commit : repo.Snapshots().FirstOrDefault();
            if (commit is null)
            {
                continue;
            }

            models.Add(new CachedModel(repo.Repository, hasRef ? revision : null, commit, repo.SnapshotFiles(commit), repo.BlobBytes()));
        }

        return models;
    }
}
