using LocalMultimodal.Errors;
using LocalMultimodal.Fetching;
using LocalMultimodal.Media;

namespace LocalMultimodal.Tests.Fetching;

public sealed class LocalFileTests : IDisposable
{
    private static readonly byte[] Inside = [1, 1, 1];
    private readonly string _root = Directory.CreateTempSubdirectory("localmm-fetch-").FullName;
    private readonly string _allowed;
    private readonly string _secret;
    private readonly MediaFetcher _fetcher;

    public LocalFileTests()
    {
        _allowed = Directory.CreateDirectory(Path.Combine(_root, "allowed")).FullName;
        Directory.CreateDirectory(Path.Combine(_root, "outside"));
        Directory.CreateDirectory(Path.Combine(_root, "allowed-evil"));
        File.WriteAllBytes(Path.Combine(_allowed, "a.png"), Inside);
        File.WriteAllBytes(Path.Combine(_allowed, "big.bin"), new byte[2048]);
        _secret = Path.Combine(_root, "outside", "secret.txt");
        File.WriteAllText(_secret, "TOPSECRET-CONTENT");
        File.WriteAllText(Path.Combine(_root, "allowed-evil", "x.png"), "evil");
        _fetcher = Create(_allowed);
    }

    public void Dispose()
    {
        _fetcher.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task FileBelowFolder_Read()
    {
        var media = await _fetcher.FetchAsync(Url(_allowed, "a.png"), MediaModality.Image);

        Assert.Equal(Inside, media.Data.ToArray());
        Assert.True(media.Source!.IsFile);
    }

    [Fact]
    public async Task NoFolderConfigured_AllFileUrlsRefused()
    {
        using var fetcher = Fetchers.Create(new MediaFetchOptions());

        var error = await Assert.ThrowsAsync<MediaFetchException>(() => fetcher.FetchAsync(Url(_allowed, "a.png"), MediaModality.Image));

        Assert.Equal("local_path", error.Rule);
    }

    [Fact]
    public async Task FileOutsideFolder_Refused()
    {
        await AssertRefused(new Uri(_secret).AbsoluteUri, "local_path");
    }

    [Fact]
    public async Task DotDotEscape_Refused()
    {
        await AssertRefused($"file://{_allowed}/../outside/secret.txt", "local_path");
        await AssertRefused($"file://{_allowed}/%2e%2e/outside/secret.txt", "local_path");
    }

    [Fact]
    public async Task SiblingFolderSharingThePrefix_Refused()
    {
        await AssertRefused(Url(Path.Combine(_root, "allowed-evil"), "x.png"), "local_path");
    }

    [Fact]
    public async Task SymlinkToFileOutside_Refused()
    {
        File.CreateSymbolicLink(Path.Combine(_allowed, "link.png"), _secret);

        await AssertRefused(Url(_allowed, "link.png"), "local_path");
    }

    [Fact]
    public async Task RelativeSymlinkToFileOutside_Refused()
    {
        File.CreateSymbolicLink(Path.Combine(_allowed, "rel.png"), "../outside/secret.txt");

        await AssertRefused(Url(_allowed, "rel.png"), "local_path");
    }

    [Fact]
    public async Task SymlinkedFolderPointingOutside_Refused()
    {
        Directory.CreateSymbolicLink(Path.Combine(_allowed, "sub"), Path.Combine(_root, "outside"));

        await AssertRefused(Url(_allowed, "sub/secret.txt"), "local_path");
    }

    [Fact]
    public async Task SymlinkStayingInside_Read()
    {
        Directory.CreateDirectory(Path.Combine(_allowed, "photos"));
        File.CreateSymbolicLink(Path.Combine(_allowed, "photos", "same.png"), "../a.png");

        var media = await _fetcher.FetchAsync(Url(_allowed, "photos/same.png"), MediaModality.Image);

        Assert.Equal(Inside, media.Data.ToArray());
    }

    [Fact]
    public async Task AllowedFolderReachedThroughSymlink_Read()
    {
        var alias = Path.Combine(_root, "alias");
        Directory.CreateSymbolicLink(alias, _allowed);
        using var fetcher = Create(alias);

        var media = await fetcher.FetchAsync(Url(alias, "a.png"), MediaModality.Image);

        Assert.Equal(Inside, media.Data.ToArray());
    }

    [Fact]
    public async Task SymlinkLoop_Refused()
    {
        File.CreateSymbolicLink(Path.Combine(_allowed, "loop1"), Path.Combine(_allowed, "loop2"));
        File.CreateSymbolicLink(Path.Combine(_allowed, "loop2"), Path.Combine(_allowed, "loop1"));

        await AssertRefused(Url(_allowed, "loop1"), "local_path");
    }

    [Fact]
    public async Task FileOverCap_Refused()
    {
        await AssertRefused(Url(_allowed, "big.bin"), "size");
    }

    [Fact]
    public async Task MissingFileOrFolder_Refused()
    {
        await AssertRefused(Url(_allowed, "nope.png"), "local_path");
        await AssertRefused(new Uri(_allowed).AbsoluteUri, "local_path");
    }

    [Fact]
    public async Task FileUrlWithHost_Refused()
    {
        await AssertRefused($"file://fileserver{_allowed}/a.png", "local_path");
    }

    private static MediaFetcher Create(string folder) =>
        Fetchers.Create(new MediaFetchOptions { AllowedLocalMediaPath = folder, MaxImageBytes = 1024 });

    private static string Url(string folder, string relative) => "file://" + folder + "/" + relative;

    private async Task AssertRefused(string url, string rule)
    {
        var error = await Assert.ThrowsAsync<MediaFetchException>(() => _fetcher.FetchAsync(url, MediaModality.Image));

        Assert.Equal(rule, error.Rule);
        Assert.DoesNotContain("TOPSECRET", error.Message);
    }
}
