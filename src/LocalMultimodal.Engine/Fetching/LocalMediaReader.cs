namespace LocalMultimodal.Fetching;

/// <summary>Reads <c>file:</c> URLs, only below the allowed folder once <c>..</c> and links are resolved.</summary>
internal static class LocalMediaReader
{
    public static async Task<FetchedMedia> ReadAsync(string url, string? allowedFolder, long maxBytes, CancellationToken cancellationToken)
    {
        if (allowedFolder is null)
        {
            throw FetchErrors.Refuse(url, FetchRules.LocalPath, "file: URLs are off; set AllowedLocalMediaPath to a folder to allow them.");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !uri.IsFile)
        {
            throw FetchErrors.Refuse(url, FetchRules.MalformedUrl, "not a valid file: URL.");
        }

        if (uri.Host.Length > 0)
        {
            throw FetchErrors.Refuse(url, FetchRules.LocalPath, "file: URLs naming a host (network shares) are not allowed; use file:///path.");
        }

        var folder = RealPath.Resolve(allowedFolder);
        var file = RealPath.Resolve(uri.LocalPath);
        var inside = folder is not null && file is not null
            && file.StartsWith(WithTrailingSeparator(folder), StringComparison.Ordinal);
        if (!inside)
        {
            throw FetchErrors.Refuse(url, FetchRules.LocalPath, "the file is not inside the allowed local media folder (after resolving '..' and links).");
        }

        var info = new FileInfo(file!);
        if (!info.Exists)
        {
            throw FetchErrors.Refuse(url, FetchRules.LocalPath, "no such file.");
        }

        if (info.Length > maxBytes)
        {
            throw TooLarge(url, maxBytes);
        }

        // Open the checked real path rather than the URL's path, so the links we judged are not looked up again.
        await using var stream = new FileStream(file!, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: true);
        var data = await BoundedReader.ReadAsync(stream, maxBytes, info.Length, () => TooLarge(url, maxBytes), cancellationToken)
            .ConfigureAwait(false);
        return new FetchedMedia(data, MediaType: null, uri);
    }

    private static string WithTrailingSeparator(string folder) =>
        Path.EndsInDirectorySeparator(folder) ? folder : folder + Path.DirectorySeparatorChar;

    private static Errors.MediaFetchException TooLarge(string url, long maxBytes) =>
        FetchErrors.Refuse(url, FetchRules.Size, $"the file is larger than the {maxBytes}-byte limit.");
}
