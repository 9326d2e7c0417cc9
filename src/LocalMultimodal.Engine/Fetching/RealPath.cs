namespace LocalMultimodal.Fetching;

/// <summary>
/// Resolves a path the way the OS will when it opens it: <c>..</c> removed and every symbolic link, in any component,
/// replaced by its target. Comparing these real paths is what keeps a link inside the allowed folder from escaping it.
/// </summary>
internal static class RealPath
{
    // The Linux limit on links followed while resolving one path; past it the path is a loop.
    private const int MaxLinks = 40;

    /// <returns>The real path, or <see langword="null"/> when links loop or nest too deep.</returns>
    public static string? Resolve(string path)
    {
        var linksLeft = MaxLinks;
        return Resolve(Path.GetFullPath(path), ref linksLeft);
    }

    private static string? Resolve(string fullPath, ref int linksLeft)
    {
        var root = Path.GetPathRoot(fullPath)!;
        var current = root;
        foreach (var part in fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            if (new FileInfo(next).LinkTarget is { } target)
            {
                if (--linksLeft < 0)
                {
                    return null;
                }

                // A relative target is relative to the link's folder, which is already real here.
                var resolved = Resolve(Path.GetFullPath(target, current), ref linksLeft);
                if (resolved is null)
                {
                    return null;
                }

                next = resolved;
            }

            current = next;
        }

        return current;
    }
}
