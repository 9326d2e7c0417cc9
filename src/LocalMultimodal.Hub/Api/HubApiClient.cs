using System.Net.Http.Json;
using System.Text.Json;
using LocalMultimodal.Hub.Selection;
using Microsoft.Extensions.Logging;

namespace LocalMultimodal.Hub.Api;

/// <summary>
/// The hub's JSON API, as huggingface_hub uses it: <c>GET /api/models/{repo}/revision/{revision}</c> for the commit
/// and <c>GET /api/models/{repo}/tree/{commit}?recursive=true</c> (paged by <c>Link: rel="next"</c>) for the files
/// with their LFS SHA-256 and sizes.
/// </summary>
internal sealed class HubApiClient(HubSettings settings, HubHttp http, ILogger logger)
{
    public async Task<RepoListing> ListAsync(string repository, CancellationToken cancellationToken)
    {
        Log.Listing(logger, repository, settings.Revision, settings.Endpoint.GetLeftPart(UriPartial.Authority));
        var info = await Retrier.RunAsync(settings, logger, ct => GetAsync(Api(repository, $"revision/{Uri.EscapeDataString(settings.Revision)}"), repository, "the revision", HubJsonContext.Default.RevisionInfo, ct), cancellationToken).ConfigureAwait(false);
        if (!RepoPaths.IsCommit(info.Sha))
        {
            throw new HubException($"The hub's answer for '{repository}' has no valid commit id (sha).");
        }

        var files = new List<RepoFile>();
        Uri? page = Api(repository, $"tree/{info.Sha}?recursive=true");
        while (page is not null)
        {
            Uri current = page;
            var (entries, next) = await Retrier.RunAsync(settings, logger, ct => GetPageAsync(current, repository, ct), cancellationToken).ConfigureAwait(false);
            files.AddRange(entries.Where(e => e.Type == "file").Select(e => Checked(repository, e)).OfType<RepoFile>());
            page = next;
        }

        return new RepoListing(info.Sha!, files);
    }

    private Uri Api(string repository, string rest) => new($"{settings.Endpoint.AbsoluteUri.TrimEnd('/')}/api/models/{repository}/{rest}");

    private async Task<(List<TreeEntry> Entries, Uri? Next)> GetPageAsync(Uri uri, string repository, CancellationToken cancellationToken)
    {
        using var response = await http.GetJsonAsync(uri, cancellationToken).ConfigureAwait(false);
        HubErrors.ThrowForStatus(response, repository, "the file listing", settings);
        var entries = await Read(response, HubJsonContext.Default.ListTreeEntry, repository, cancellationToken).ConfigureAwait(false);
        return (entries, NextPage(response, uri));
    }

    private async Task<T> GetAsync<T>(Uri uri, string repository, string what, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var response = await http.GetJsonAsync(uri, cancellationToken).ConfigureAwait(false);
        HubErrors.ThrowForStatus(response, repository, what, settings);
        return await Read(response, type, repository, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<T> Read<T>(HttpResponseMessage response, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string repository, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(type, cancellationToken).ConfigureAwait(false)
                ?? throw new HubException($"The hub sent an empty answer for '{repository}'.");
        }
        catch (JsonException e)
        {
            throw new HubException($"The hub's answer for '{repository}' is not the JSON expected: {e.Message}", e);
        }
    }

    private RepoFile? Checked(string repository, TreeEntry entry)
    {
        string name = entry.Path ?? "";
        string? refusal = RepoPaths.Refusal(name);
        string? sha = entry.Lfs?.Oid;
        if (refusal is null && sha is not null && !RepoPaths.IsSha256(sha))
        {
            refusal = "its LFS oid is not a SHA-256";
        }

        long size = entry.Lfs?.Size ?? entry.Size;
        if (refusal is null && size < 0)
        {
            refusal = "its size is negative";
        }

        if (refusal is not null)
        {
            Log.IgnoredEntry(logger, repository, name, refusal);
            return null;
        }

        return new RepoFile(name, size, sha);
    }

    private static Uri? NextPage(HttpResponseMessage response, Uri current)
    {
        if (!response.Headers.TryGetValues("Link", out var links))
        {
            return null;
        }

        foreach (string link in links.SelectMany(l => l.Split(',')))
        {
            string[] parts = link.Split(';');
            if (parts.Length >= 2 && parts.Skip(1).Any(p => p.Trim() is "rel=\"next\"" or "rel=next"))
            {
                string target = parts[0].Trim().TrimStart('<').TrimEnd('>');
                return Uri.TryCreate(current, target, out var next) ? next : null;
            }
        }

        return null;
    }
}
