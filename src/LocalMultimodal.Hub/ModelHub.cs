using LocalMultimodal.Hub.Api;
using LocalMultimodal.Hub.Cache;
using LocalMultimodal.Hub.Download;
using LocalMultimodal.Hub.Selection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LocalMultimodal.Hub;

/// <summary>
/// Finds a model by <c>owner/repo[:quant]</c> on a Hugging Face–compatible hub and keeps its files in the
/// Hugging Face cache. <see cref="ResolveAsync"/> answers from the cache when it can (no network call), otherwise
/// downloads what is missing; <see cref="PullAsync"/> always asks the hub for the revision's newest commit.
/// </summary>
public sealed class ModelHub : IDisposable
{
    private readonly HubSettings settings;
    private readonly ILogger logger;
    private readonly Lazy<HubHttp> http;

    /// <summary>Creates a client; null settings in <paramref name="options"/> come from the environment.</summary>
    /// <exception cref="ArgumentException">An option or environment variable is wrong; the message names it.</exception>
    public ModelHub(HubOptions? options = null, ILogger? logger = null)
        : this(options ?? new HubOptions(), Environment.GetEnvironmentVariable, logger, handler: null)
    {
    }

    internal ModelHub(HubOptions options, Func<string, string?> getVariable, ILogger? logger, HttpMessageHandler? handler)
    {
        settings = HubSettings.From(options, getVariable);
        this.logger = logger ?? NullLogger.Instance;
        http = new Lazy<HubHttp>(() => new HubHttp(settings, handler));
    }

    /// <summary>The cache folder in use.</summary>
    public string CacheDirectory => settings.CacheDirectory;

    /// <summary>True when only the cache is used.</summary>
    public bool Offline => settings.Offline;

    /// <summary>The hub's address.</summary>
    public Uri Endpoint => settings.Endpoint;

    /// <summary>
    /// The model's files on disk: from the cache when the revision's recorded commit has them (no network call),
    /// else downloaded. With <paramref name="withProjector"/>, the repository's projector too.
    /// </summary>
    /// <exception cref="HubException">Not found, not allowed, not in the cache while offline, or a download failed; the message says what to do.</exception>
    public async Task<ResolvedModel> ResolveAsync(ModelReference reference, bool withProjector = true, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var repo = new RepoCache(settings.CacheDirectory, reference.Repository);
        if (repo.ReadRef(settings.Revision) is { } commit && FromSnapshot(repo, commit, reference, withProjector) is { } cached)
        {
            Log.FromCache(logger, reference, commit);
            return cached;
        }

        if (settings.Offline)
        {
            throw NotCachedOffline(repo, reference, withProjector);
        }

        return await DownloadAsync(repo, reference, withProjector, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Asks the hub for the revision's newest commit and downloads the model's files that are missing.</summary>
    /// <exception cref="HubException">As <see cref="ResolveAsync"/>; also when offline.</exception>
    public Task<ResolvedModel> PullAsync(ModelReference reference, bool withProjector = true, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (settings.Offline)
        {
            throw new HubException($"Offline mode (--offline or HF_HUB_OFFLINE=1) is on, so '{reference}' cannot be pulled; run without it to download.");
        }

        return DownloadAsync(new RepoCache(settings.CacheDirectory, reference.Repository), reference, withProjector, progress, cancellationToken);
    }

    /// <summary>The repositories in the cache, with the files of their current snapshot.</summary>
    public IReadOnlyList<CachedModel> ListCache() => HubCache.List(settings.CacheDirectory, settings.Revision);

    /// <inheritdoc/>
    public void Dispose()
    {
        if (http.IsValueCreated)
        {
            http.Value.Dispose();
        }
    }

    private async Task<ResolvedModel> DownloadAsync(RepoCache repo, ModelReference reference, bool withProjector, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        RepoListing listing;
        try
        {
            listing = await new HubApiClient(settings, http.Value, logger).ListAsync(reference.Repository, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (HubErrors.IsUnreachable(e))
        {
            // Like huggingface_hub: with the hub out of reach, a complete snapshot in the cache still serves.
            if (repo.ReadRef(settings.Revision) is { } known && FromSnapshot(repo, known, reference, withProjector) is { } cached)
            {
                Log.UnreachableUsingCache(logger, e.Message, reference, known);
                return cached;
            }

            throw new HubException(
                $"Could not reach the hub at {settings.Endpoint.GetLeftPart(UriPartial.Authority)} ({e.Message}), and the cache at {settings.CacheDirectory} has no copy of '{reference}'. " +
                "Connect to the network (or set HF_ENDPOINT to a reachable hub) and try again; once downloaded, the model also starts offline (--offline or HF_HUB_OFFLINE=1).", e);
        }

        var models = GgufSelector.Models(listing.Files, f => f.Path).ToList();
        var model = GgufSelector.PickModel(models, f => f.Path, f => f.Size, reference.Quant) ?? throw NoModel(reference, models.Select(m => m.Path), "on the hub");
        RepoFile? projector = null;
        if (withProjector)
        {
            projector = GgufSelector.PickProjector(listing.Files, f => f.Path, f => f.Size) ?? throw new HubException(
                $"The repository '{reference.Repository}' has no projector (no mmproj*.gguf file), so it cannot take images or audio here. Name a projector file with --mmproj (EngineOptions.ProjectorPath).");
        }

        repo.WriteRef(settings.Revision, listing.Commit);
        string modelPath = await FetchAsync(repo, listing.Commit, model, progress, cancellationToken).ConfigureAwait(false);
        string? projectorPath = projector is null ? null : await FetchAsync(repo, listing.Commit, projector, progress, cancellationToken).ConfigureAwait(false);
        return new ResolvedModel(reference, listing.Commit, modelPath, projectorPath, FromCache: false);
    }

    private async Task<string> FetchAsync(RepoCache repo, string commit, RepoFile file, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        await new BlobDownloader(settings, http.Value, logger).EnsureAsync(repo, commit, file, progress, cancellationToken).ConfigureAwait(false);
        return repo.Link(commit, file.Path, file.Sha256!);
    }

    private static ResolvedModel? FromSnapshot(RepoCache repo, string commit, ModelReference reference, bool withProjector)
    {
        var files = repo.SnapshotFiles(commit);
        var models = GgufSelector.Models(files, f => f).ToList();
        string? model = GgufSelector.PickModel(models, f => f, f => repo.FileSize(commit, f), reference.Quant);
        string? projector = GgufSelector.PickProjector(files, f => f, f => repo.FileSize(commit, f));
        if (model is null || (withProjector && projector is null))
        {
            return null;
        }

        return new ResolvedModel(reference, commit, repo.SnapshotPath(commit, model), withProjector ? repo.SnapshotPath(commit, projector!) : null, FromCache: true);
    }

    private HubException NotCachedOffline(RepoCache repo, ModelReference reference, bool withProjector)
    {
        string offline = "Offline mode (--offline or HF_HUB_OFFLINE=1) uses the cache only";
        if (repo.ReadRef(settings.Revision) is not { } commit)
        {
            return new HubException($"{offline}, and the cache at {settings.CacheDirectory} has no copy of '{reference.Repository}'. Download it once without offline mode (for example with the pull command).");
        }

        var files = repo.SnapshotFiles(commit);
        var models = GgufSelector.Models(files, f => f).ToList();
        if (GgufSelector.PickModel(models, f => f, _ => 0, reference.Quant) is null)
        {
            return NoModel(reference, models, $"in the cache ({offline.ToLowerInvariant()})");
        }

        return withProjector
            ? new HubException($"{offline}, and the cached '{reference.Repository}' has no projector (mmproj*.gguf). Download it without offline mode, or name a projector with --mmproj.")
            : new HubException($"{offline}, and '{reference}' is not complete in the cache.");
    }

    private static HubException NoModel(ModelReference reference, IEnumerable<string> models, string where)
    {
        var paths = models.ToList();
        return paths.Count == 0
            ? new HubException($"The repository '{reference.Repository}' has no GGUF model file {where}; pick a repository with GGUF files (often named *-GGUF).")
            : new HubException($"The repository '{reference.Repository}' has no '{reference.Quant}' quant {where}. Quants that exist: {GgufSelector.DescribeQuants(paths)}.");
    }
}
