using System.Security.Cryptography;

namespace LocalMultimodal.Hub.Tests;

/// <summary>Downloads from the stand-in hub into the Hugging Face cache layout, and the second start from the cache.</summary>
public sealed class DownloadTests
{
    [Fact]
    public async Task Resolve_DownloadsModelAndF16Projector_IntoTheHuggingFaceLayout()
    {
        await using var bed = await HubTestBed.StartAsync();
        using var hub = bed.Client();
        var reports = new List<DownloadProgress>();
        var resolved = await hub.ResolveAsync(ModelReference.Parse($"{HubTestBed.Repo}:q8_0"), progress: new SyncProgress(reports));

        Assert.False(resolved.FromCache);
        Assert.Equal(bed.Q8, await File.ReadAllBytesAsync(resolved.ModelPath));
        Assert.Equal(bed.Projector, await File.ReadAllBytesAsync(resolved.ProjectorPath!));
        string commit = bed.Hub.Commit(HubTestBed.Repo);
        Assert.Equal(commit, resolved.Commit);
        Assert.Equal(commit, File.ReadAllText(Path.Combine(bed.RepoFolder, "refs", "main")));
        Assert.Equal(Path.Combine(bed.RepoFolder, "snapshots", commit, "tiny-Q8_0.gguf"), resolved.ModelPath);
        string sha = Convert.ToHexStringLower(SHA256.HashData(bed.Q8));
        Assert.Equal($"../../blobs/{sha}", new FileInfo(resolved.ModelPath).LinkTarget);
        Assert.True(File.Exists(Path.Combine(bed.RepoFolder, "blobs", sha)));
        Assert.Empty(Directory.GetFiles(Path.Combine(bed.RepoFolder, "blobs"), "*.incomplete"));

        var last = reports.Last(r => r.FileName == "tiny-Q8_0.gguf");
        Assert.True(last.Completed);
        Assert.Equal(bed.Q8.Length, last.BytesDone);
        Assert.Equal(bed.Q8.Length, last.TotalBytes);
    }

    [Fact]
    public async Task Resolve_WithoutQuant_TakesQ4KM_AndWithoutProjector_SkipsIt()
    {
        await using var bed = await HubTestBed.StartAsync();
        using var hub = bed.Client();
        var resolved = await hub.ResolveAsync(ModelReference.Parse(HubTestBed.Repo), withProjector: false);
        Assert.Equal(bed.Q4, await File.ReadAllBytesAsync(resolved.ModelPath));
        Assert.Null(resolved.ProjectorPath);
        Assert.Equal(1, bed.Hub.ContentRequests);
    }

    [Fact]
    public async Task SecondResolve_ComesFromTheCache_WithoutAnyRequest_EvenWithTheHubStopped()
    {
        await using var bed = await HubTestBed.StartAsync();
        var reference = ModelReference.Parse($"{HubTestBed.Repo}:Q8_0");
        using (var first = bed.Client())
        {
            await first.ResolveAsync(reference);
        }

        int requests = bed.Hub.HubRequests + bed.Hub.ContentRequests;
        await bed.Hub.StopAsync();
        using var second = bed.Client();
        var resolved = await second.ResolveAsync(reference);
        Assert.True(resolved.FromCache);
        Assert.Equal(bed.Q8, await File.ReadAllBytesAsync(resolved.ModelPath));
        Assert.Equal(requests, bed.Hub.HubRequests + bed.Hub.ContentRequests);

        using var offline = bed.Client(offline: true);
        Assert.True((await offline.ResolveAsync(reference)).FromCache);
        var listed = Assert.Single(offline.ListCache());
        Assert.Equal(HubTestBed.Repo, listed.Repository);
        Assert.Equal(["mmproj-tiny-f16.gguf", "tiny-Q8_0.gguf"], listed.Files);
        Assert.Equal(bed.Q8.Length + bed.Projector.Length, listed.SizeBytes);
    }

    [Fact]
    public async Task FromTheCache_WithoutQuant_PicksTheSmallestCachedFileByItsBlobSize()
    {
        await using var bed = await HubTestBed.StartAsync();
        bed.Hub.Publish("tester/sizes-GGUF", "s-Q8_0.gguf", HubTestBed.Bytes(11, 5000));
        bed.Hub.Publish("tester/sizes-GGUF", "s-Q5_K_M.gguf", HubTestBed.Bytes(12, 3000));
        bed.Hub.Publish("tester/sizes-GGUF", "s-Q6_K.gguf", HubTestBed.Bytes(13, 9000));
        using (var online = bed.Client())
        {
            await online.PullAsync(ModelReference.Parse("tester/sizes-GGUF:Q8_0"), withProjector: false);
            await online.PullAsync(ModelReference.Parse("tester/sizes-GGUF:Q6_K"), withProjector: false);
        }

        using var offline = bed.Client(offline: true);
        var resolved = await offline.ResolveAsync(ModelReference.Parse("tester/sizes-GGUF"), withProjector: false);
        Assert.EndsWith("s-Q8_0.gguf", resolved.ModelPath, StringComparison.Ordinal); // Q5_K_M is smaller, but not cached
    }

    [Fact]
    public async Task Offline_WithAnEmptyCache_FailsWithoutTheNetwork_AndSaysSo()
    {
        await using var bed = await HubTestBed.StartAsync();
        using var hub = bed.Client(offline: true);
        var error = await Assert.ThrowsAsync<HubException>(() => hub.ResolveAsync(ModelReference.Parse(HubTestBed.Repo)));
        Assert.Contains("Offline mode", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, bed.Hub.HubRequests);
    }

    [Fact]
    public async Task Offline_WithAnotherQuantCached_ListsTheCachedQuants()
    {
        await using var bed = await HubTestBed.StartAsync();
        using (var online = bed.Client())
        {
            await online.ResolveAsync(ModelReference.Parse($"{HubTestBed.Repo}:Q8_0"));
        }

        using var hub = bed.Client(offline: true);
        var error = await Assert.ThrowsAsync<HubException>(() => hub.ResolveAsync(ModelReference.Parse($"{HubTestBed.Repo}:Q4_K_M")));
        Assert.Contains("no 'Q4_K_M' quant in the cache", error.Message, StringComparison.Ordinal);
        Assert.Contains("Q8_0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_WithAnEmptyCache_MentionsOfflineMode()
    {
        await using var bed = await HubTestBed.StartAsync();
        string endpoint = bed.Hub.Endpoint;
        await bed.Hub.StopAsync();
        using var hub = bed.Client(endpoint: endpoint);
        var error = await Assert.ThrowsAsync<HubException>(() => hub.ResolveAsync(ModelReference.Parse(HubTestBed.Repo)));
        Assert.Contains("Could not reach the hub", error.Message, StringComparison.Ordinal);
        Assert.Contains("HF_HUB_OFFLINE=1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConcurrentResolves_DownloadEachFileOnce()
    {
        await using var bed = await HubTestBed.StartAsync();
        using var a = bed.Client();
        using var b = bed.Client();
        var reference = ModelReference.Parse($"{HubTestBed.Repo}:Q8_0");
        var results = await Task.WhenAll(a.PullAsync(reference), b.PullAsync(reference));
        Assert.All(results, r => Assert.Equal(bed.Q8, File.ReadAllBytes(r.ModelPath)));
        Assert.Equal(2, bed.Hub.ContentRequests);
    }

    private sealed class SyncProgress(List<DownloadProgress> reports) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
