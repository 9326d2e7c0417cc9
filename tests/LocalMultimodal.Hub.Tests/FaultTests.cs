using System.Security.Cryptography;

namespace LocalMultimodal.Hub.Tests;

/// <summary>Dropped connections, restarts, wrong hashes, refusals, slow hosts and hostile listings.</summary>
public sealed class FaultTests
{
    private static readonly ModelReference Q8 = ModelReference.Parse($"{HubTestBed.Repo}:Q8_0");

    /// <summary>A connection cut mid-file, or a stall mid-file that the read timeout ends: either resumes after the bytes received.</summary>
    [Theory]
    [InlineData(false, 150_000)]
    [InlineData(true, 100_000)]
    public async Task ConnectionCutOrStalledMidFile_Resumes_WithARange_AndTheHashIsRight(bool stall, long cutAfter)
    {
        await using var bed = await HubTestBed.StartAsync();
        bed.Hub.Faults.CutDownloads = 1;
        bed.Hub.Faults.CutAfterBytes = cutAfter;
        bed.Hub.Faults.StallBeforeCut = stall;
        bed.Hub.Faults.StallFor = TimeSpan.FromSeconds(20);
        using var hub = bed.Client();
        var resolved = await hub.ResolveAsync(Q8, withProjector: false);
        Assert.Equal(bed.Q8, await File.ReadAllBytesAsync(resolved.ModelPath));
        // The second request resumes after what arrived: at most the bytes sent before the cut (a reset may
        // drop some still in flight), and more than none.
        string[] ranges = [.. bed.Hub.Ranges];
        Assert.Equal(2, ranges.Length);
        Assert.Equal("", ranges[0]);
        Assert.Matches(@"^bytes=\d+-$", ranges[1]);
        long resumedAt = long.Parse(ranges[1]["bytes=".Length..^1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(resumedAt, 1, cutAfter);
    }

    [Fact]
    public async Task PartialFileFromAnEarlierRun_IsResumed()
    {
        await using var bed = await HubTestBed.StartAsync();
        string sha = Convert.ToHexStringLower(SHA256.HashData(bed.Q8));
        Directory.CreateDirectory(Path.Combine(bed.RepoFolder, "blobs"));
        await File.WriteAllBytesAsync(Path.Combine(bed.RepoFolder, "blobs", sha + ".incomplete"), bed.Q8[..123_456]);
        using var hub = bed.Client();
        var resolved = await hub.ResolveAsync(Q8, withProjector: false);
        Assert.Equal(bed.Q8, await File.ReadAllBytesAsync(resolved.ModelPath));
        Assert.Equal(["bytes=123456-"], bed.Hub.Ranges);
    }

    [Fact]
    public async Task WrongHash_DeletesThePartial_AndFailsNamingBothHashes()
    {
        await using var bed = await HubTestBed.StartAsync();
        var good = HubTestBed.Bytes(9, 5000);
        string claimed = new('a', 64);
        string stored = bed.Cache.Write("payload", good);
        bed.Hub.Add("tester/liar-GGUF", new StandInFile("liar-Q8_0.gguf", good.Length, claimed, stored));
        using var hub = bed.Client();
        var error = await Assert.ThrowsAsync<HubException>(() => hub.ResolveAsync(ModelReference.Parse("tester/liar-GGUF:Q8_0"), withProjector: false));
        Assert.Contains(claimed, error.Message, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(good)), error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(bed.Cache.Path, "models--tester--liar-GGUF", "blobs")));
    }

    [Fact]
    public async Task Unauthorized_MentionsHfToken_AndTheTokenNeverReachesTheContentHost()
    {
        await using var bed = await HubTestBed.StartAsync();
        bed.Hub.Faults.RequiredToken = "hf_secret";
        using (var anonymous = bed.Client())
        {
            var error = await Assert.ThrowsAsync<HubException>(() => anonymous.ResolveAsync(Q8));
            Assert.Contains("401", error.Message, StringComparison.Ordinal);
            Assert.Contains("HF_TOKEN", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("hf_secret", error.Message, StringComparison.Ordinal);
        }

        using var authorized = bed.Client(token: "hf_secret");
        var resolved = await authorized.ResolveAsync(Q8);
        Assert.Equal(bed.Q8, await File.ReadAllBytesAsync(resolved.ModelPath));
        Assert.Equal(2, bed.Hub.ContentRequests);
        Assert.Equal(0, bed.Hub.AuthorizationOnContentHost);
    }

    [Fact]
    public async Task Gated_SaysToAcceptTheTerms()
    {
        await using var bed = await HubTestBed.StartAsync();
        bed.Hub.Faults.Gated = true;
        using var hub = bed.Client();
        var error = await Assert.ThrowsAsync<HubException>(() => hub.ResolveAsync(Q8));
        Assert.Contains("403", error.Message, StringComparison.Ordinal);
        Assert.Contains("gated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownRepository_Is404_NamingIt()
    {
        await using var bed = await HubTestBed.StartAsync();
        using var hub = bed.Client();
        var error = await Assert.ThrowsAsync<HubException>(() => hub.ResolveAsync(ModelReference.Parse("nobody/nothing-GGUF")));
        Assert.Contains("No model repository 'nobody/nothing-GGUF'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListedFileMissingOnTheHost_Is404_NamingTheFile()
    {
        await using var bed = await HubTestBed.StartAsync();
        bed.Hub.Add("tester/gone-GGUF", new StandInFile("gone-Q8_0.gguf", 10, new string('c', 64), Content: null));
        using var hub = bed.Client();
        var error = await Assert.ThrowsAsync<HubException>(() => hub.ResolveAsync(ModelReference.Parse("tester/gone-GGUF"), withProjector: false));
        Assert.Contains("lists 'gone-Q8_0.gguf', but the hub has no such file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownQuant_ListsTheQuantsThatExist()
    {
        await using var bed = await HubTestBed.StartAsync();
        using var hub = bed.Client();
        var error = await Assert.ThrowsAsync<HubException>(() => hub.ResolveAsync(ModelReference.Parse($"{HubTestBed.Repo}:Q5_K_M")));
        Assert.Contains("no 'Q5_K_M' quant", error.Message, StringComparison.Ordinal);
        Assert.Contains("Q4_K_M, Q8_0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoProjector_SaysSo_AndPointsAtMmproj()
    {
        await using var bed = await HubTestBed.StartAsync();
        bed.Hub.Publish("tester/text-GGUF", "text-Q8_0.gguf", HubTestBed.Bytes(5, 100));
        using var hub = bed.Client();
        var error = await Assert.ThrowsAsync<HubException>(() => hub.ResolveAsync(ModelReference.Parse("tester/text-GGUF")));
        Assert.Contains("no projector", error.Message, StringComparison.Ordinal);
        Assert.Contains("--mmproj", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlowHost_TimesOut_ThenTheRetrySucceeds()
    {
        await using var bed = await HubTestBed.StartAsync();
        bed.Hub.Faults.StalledDownloads = 1;
        bed.Hub.Faults.StallFor = TimeSpan.FromSeconds(20);
        using var hub = bed.Client();
        var resolved = await hub.ResolveAsync(Q8, withProjector: false);
        Assert.Equal(bed.Q8, await File.ReadAllBytesAsync(resolved.ModelPath));
        Assert.Equal(2, bed.Hub.ContentRequests);
    }

    [Fact]
    public async Task ServerErrors_AreRetried_AndBounded()
    {
        await using var bed = await HubTestBed.StartAsync();
        bed.Hub.Faults.Unavailable = 2;
        using (var hub = bed.Client())
        {
            var resolved = await hub.ResolveAsync(Q8, withProjector: false);
            Assert.Equal(bed.Q8, await File.ReadAllBytesAsync(resolved.ModelPath));
        }

        bed.Hub.Faults.Unavailable = 100;
        using var again = bed.Client();
        var error = await Assert.ThrowsAsync<HubException>(() => again.PullAsync(ModelReference.Parse($"{HubTestBed.Repo}:Q4_K_M"), withProjector: false));
        Assert.Contains("Gave up after 4 tries", error.Message, StringComparison.Ordinal);
        Assert.Contains("503", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FileLargerThanTheFreeDisk_FailsBeforeDownloading()
    {
        await using var bed = await HubTestBed.StartAsync();
        bed.Hub.Add("tester/huge-GGUF", new StandInFile("huge-Q8_0.gguf", 1L << 53, new string('b', 64), Content: null));
        using var hub = bed.Client();
        var error = await Assert.ThrowsAsync<HubException>(() => hub.ResolveAsync(ModelReference.Parse("tester/huge-GGUF"), withProjector: false));
        Assert.Contains("Not enough free disk", error.Message, StringComparison.Ordinal);
        Assert.Contains("HF_HUB_CACHE", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, bed.Hub.ContentRequests);
    }

    [Fact]
    public async Task RedirectLoop_IsCutAfterTheBoundedHops()
    {
        await using var bed = await HubTestBed.StartAsync();
        bed.Hub.Faults.RedirectLoop = true;
        using var hub = bed.Client();
        var error = await Assert.ThrowsAsync<HubException>(() => hub.ResolveAsync(Q8, withProjector: false));
        Assert.Contains("More than 5 redirects", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, bed.Hub.ContentRequests);
    }

    [Fact]
    public async Task HostileListing_IsNeverWritten_OutsideTheCache()
    {
        await using var bed = await HubTestBed.StartAsync();
        var evil = HubTestBed.Bytes(7, 100);
        string stored = bed.Cache.Write("evil", evil);
        string sha = Convert.ToHexStringLower(SHA256.HashData(evil));
        bed.Hub.Add("tester/hostile-GGUF", new StandInFile("../../../escape-Q8_0.gguf", evil.Length, sha, stored));
        bed.Hub.Add("tester/hostile-GGUF", new StandInFile("/tmp/absolute-Q8_0.gguf", evil.Length, sha, stored));
        bed.Hub.Publish("tester/hostile-GGUF", "fine-Q4_K_M.gguf", HubTestBed.Bytes(8, 100));
        bed.Hub.Publish("tester/hostile-GGUF", "mmproj-fine-f16.gguf", HubTestBed.Bytes(6, 100));
        using var hub = bed.Client();

        var error = await Assert.ThrowsAsync<HubException>(() => hub.ResolveAsync(ModelReference.Parse("tester/hostile-GGUF:Q8_0")));
        Assert.Contains("Quants that exist: Q4_K_M", error.Message, StringComparison.Ordinal);
        var resolved = await hub.ResolveAsync(ModelReference.Parse("tester/hostile-GGUF"));
        Assert.EndsWith("fine-Q4_K_M.gguf", resolved.ModelPath, StringComparison.Ordinal);
        Assert.False(File.Exists("/tmp/absolute-Q8_0.gguf"));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(bed.Cache.Path)!, "escape-Q8_0.gguf", SearchOption.TopDirectoryOnly));
        Assert.Empty(Directory.GetFiles(bed.Cache.Path, "escape*", SearchOption.AllDirectories));
    }
}
