using LocalMultimodal.Errors;
using LocalMultimodal.Media;

namespace LocalMultimodal.Tests.Fetching;

public sealed class PrivateAddressTests
{
    private static readonly byte[] Body = [1, 2, 3];

    [Theory]
    [InlineData("http://127.0.0.1:{port}/a.png")]
    [InlineData("http://localhost:{port}/a.png")]
    [InlineData("http://2130706433:{port}/a.png")]   // decimal 127.0.0.1
    [InlineData("http://0177.0.0.1:{port}/a.png")]   // octal
    [InlineData("http://0x7f.0.0.1:{port}/a.png")]   // hex
    [InlineData("http://127.1:{port}/a.png")]        // short form
    [InlineData("http://[::1]:{port}/a.png")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}/a.png")]
    [InlineData("http://[::ffff:7f00:1]:{port}/a.png")]
    [InlineData("http://0.0.0.0:{port}/a.png")]
    [InlineData("http://10.0.0.1:{port}/a.png")]
    [InlineData("http://172.16.0.1:{port}/a.png")]
    [InlineData("http://192.168.0.1:{port}/a.png")]
    [InlineData("http://100.64.0.1:{port}/a.png")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[fe80::1]:{port}/a.png")]
    [InlineData("http://[fd00::1]:{port}/a.png")]
    public async Task NonPublicAddress_RefusedBeforeAnyConnection(string template)
    {
        await using var server = new TestHttpServer((_, stream, ct) => TestResponses.OkAsync(stream, Body, cancellationToken: ct));
        using var fetcher = Fetchers.Create(Fetchers.Options(allowPrivate: false));
        var url = template.Replace("{port}", server.Port.ToString());

        var error = await Assert.ThrowsAsync<MediaFetchException>(() => fetcher.FetchAsync(url, MediaModality.Image));

        Assert.Equal("private_address", error.Rule);
        Assert.Contains(url, error.Message);
        Assert.Equal(0, server.ConnectionCount);
    }

    [Theory]
    [InlineData("http://127.0.0.1:{port}/a.png")]
    [InlineData("http://2130706433:{port}/a.png")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}/a.png")]
    public async Task Loopback_AllowedWhenOperatorAllowsPrivateAddresses(string template)
    {
        await using var server = new TestHttpServer((_, stream, ct) => TestResponses.OkAsync(stream, Body, cancellationToken: ct));
        using var fetcher = Fetchers.Create(Fetchers.Options(allowPrivate: true));

        var media = await fetcher.FetchAsync(template.Replace("{port}", server.Port.ToString()), MediaModality.Image);

        Assert.Equal(Body, media.Data.ToArray());
        Assert.Equal("image/png", media.MediaType);
        Assert.Equal("/a.png", media.Source!.AbsolutePath);
    }

    [Fact]
    public async Task HostResolvingToMetadataAddress_Refused()
    {
        var resolver = new FakeResolver().Answer("metadata.test", ["169.254.169.254"]);
        using var fetcher = Fetchers.Create(Fetchers.Options(allowPrivate: false), resolver);

        var error = await Assert.ThrowsAsync<MediaFetchException>(() => fetcher.FetchAsync("http://metadata.test/x", MediaModality.Image));

        Assert.Equal("private_address", error.Rule);
        Assert.Contains("metadata.test", error.Message);
        Assert.DoesNotContain("169.254", error.Message);
        Assert.Equal(["metadata.test"], resolver.Lookups);
    }

    [Fact]
    public async Task HostWithAnyNonPublicAddress_Refused()
    {
        var resolver = new FakeResolver().Answer("mixed.test", ["93.184.216.34", "10.0.0.5"]);
        using var fetcher = Fetchers.Create(Fetchers.Options(allowPrivate: false), resolver);

        var error = await Assert.ThrowsAsync<MediaFetchException>(() => fetcher.FetchAsync("http://mixed.test/x", MediaModality.Image));

        Assert.Equal("private_address", error.Rule);
        Assert.DoesNotContain("10.0.0.5", error.Message);
    }
}
