namespace LocalMultimodal.Hub.Cache;

/// <summary>
/// One repository's folder in the Hugging Face cache layout, shared with huggingface_hub and llama.cpp:
/// <c>models--owner--name/blobs/&lt;sha256&gt;</c> holds the content, <c>snapshots/&lt;commit&gt;/&lt;path&gt;</c> are
/// relative symlinks to the blobs, <c>refs/&lt;revision&gt;</c> holds the commit a revision pointed at, and locks
/// live in <c>.locks/models--owner--name/</c> beside the repositories.
/// </summary>
internal sealed class RepoCache
{
    public RepoCache(string cacheRoot, string repository)
    {
        Repository = repository;
        string name = FolderName(repository);
        Folder = Path.Combine(cacheRoot, name);
        LockFolder = Path.Combine(cacheRoot, ".locks", name);
    }

    public const string FolderPrefix = "models--";

    public string Repository { get; }

    public string Folder { get; }

    public string BlobFolder => Path.Combine(Folder, "blobs");

    private string LockFolder { get; }

    /// <summary>The cache folder name of a repository id: <c>owner/name</c> becomes <c>models--owner--name</c>.</summary>
    public static string FolderName(string repository) => FolderPrefix + repository.Replace("/", "--", StringComparison.Ordinal);

    public string BlobPath(string sha256) => Path.Combine(BlobFolder, sha256);

    /// <summary>Where a blob is written until it is complete and verified (huggingface_hub's name for it).</summary>
    public string PartialPath(string sha256) => BlobPath(sha256) + ".incomplete";

    public string LockPath(string sha256) => Path.Combine(LockFolder, sha256 + ".lock");

    public string SnapshotPath(string commit, string file) => Path.Combine(Folder, "snapshots", commit, file);

    /// <summary>The size of a snapshot file: its blob's, since the entry itself is a link.</summary>
    public long FileSize(string commit, string file)
    {
        var entry = new FileInfo(SnapshotPath(commit, file));
        return (entry.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? entry).Length;
    }

    /// <summary>The commit <paramref name="revision"/> pointed at when last seen online; null when unknown.</summary>
    public string? ReadRef(string revision)
    {
        string path = Path.Combine(Folder, "refs", revision);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    public void WriteRef(string revision, string commit)
    {
        string path = Path.Combine(Folder, "refs", revision);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temp = $"{path}.{Guid.NewGuid():N}.tmp"; // unique: another writer may be at the same step
        File.WriteAllText(temp, commit);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Points the snapshot entry of <paramref name="file"/> at its blob; returns the entry's path.</summary>
    public string Link(string commit, string file, string sha256)
    {
        string link = SnapshotPath(commit, file);
        string folder = Path.GetDirectoryName(link)!;
        Directory.CreateDirectory(folder);
        string target = Path.GetRelativePath(folder, BlobPath(sha256));
        if (new FileInfo(link).LinkTarget == target)
        {
            return link;
        }

        // A new link beside the old one, then a rename: a reader never sees the entry missing.
        string temp = $"{link}.{Guid.NewGuid():N}.tmp";
        File.CreateSymbolicLink(temp, target);
        File.Move(temp, link, overwrite: true);
        return link;
    }

    /// <summary>The files of a snapshot whose blobs are complete, by path in the repository.</summary>
    public IReadOnlyList<string> SnapshotFiles(string commit)
    {
        string folder = Path.Combine(Folder, "snapshots", commit);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(File.Exists) // a link whose blob is gone does not count
            .Where(p => !p.EndsWith(".tmp", StringComparison.Ordinal))
            .Select(p => Path.GetRelativePath(folder, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>The commits that have a snapshot folder, newest first.</summary>
    public IReadOnlyList<string> Snapshots()
    {
        string folder = Path.Combine(Folder, "snapshots");
        return Directory.Exists(folder)
            ? [.. new DirectoryInfo(folder).EnumerateDirectories().OrderByDescending(d => d.LastWriteTimeUtc).Select(d => d.Name)]
            : [];
    }

    /// <summary>The bytes of the complete blobs.</summary>
    public long BlobBytes() =>
        Directory.Exists(BlobFolder)
            ? new DirectoryInfo(BlobFolder).EnumerateFiles().Where(f => !f.Name.EndsWith(".incomplete", StringComparison.Ordinal)).Sum(f => f.Length)
            : 0;
}
