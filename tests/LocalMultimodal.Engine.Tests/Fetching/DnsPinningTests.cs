using LocalMultimodal.Errors;
using LocalMultimodal.Media;

namespace LocalMultimodal.Tests.Fetching;

public sealed class DnsPinningTests
{
    private static readonly byte[] Body = [42];

    [Fact]
    public async Task ConnectsToTheCheckedAddress_WithoutLookingUpAgain()
    {
        // A rebinding DNS server: the first answer passes the check, any later one points at an internal host.
        // Had the handler resolved again (or "rebind.test" gone to the system resolver) no connection would reach the server.
        await using var server = new TestHttpServer((_, stream, ct) => TestResponses.OkAsync(stream, Body, cancellationToken: ct));
        var resolver = new FakeResolver().Answer("rebind.test", ["127.0.0.1"], ["10.255.255.1"]);
        using var fetcher = Fetchers.Create(Fetchers.Options(allowPrivate: false), resolver, Fetchers.OnlyLoopback);

        var media = await fetcher.FetchAsync($"http://rebind.test:{server.Port}/a.png", MediaModality.Image);

        Assert.Equal(Body, media.Data.ToArray());
        Assert.Equal(["rebind.test"], resolver.Lookups);
        Assert.Equal($"rebind.test:{server.Port}", server.Requests.Single().Headers["Host"]);
    }

    [Fact]
    public async Task EveryHop_ResolvedAndCheckedOnce()
    {
        await using var server = new TestHttpServer((request, stream, ct) => request.Path == "/a"
            ? TestResponses.RedirectAsync(stream, $"http://second.test:{request.Headers["Host"].Split(':')[1]}/b", 302, ct)
            : TestResponses.OkAsync(stream, Body, cancellationToken: ct));
        var resolver = new FakeResolver().Answer("first.test", ["127.0.0.1"]).Answer("second.test", ["127.0.0.1"]);
        using var fetcher = Fetchers.Create(Fetchers.Options(allowPrivate: false), resolver, Fetchers.OnlyLoopback);

        await fetcher.FetchAsync($"http://first.test:{server.Port}/a", MediaModality.Image);

        Assert.Equal(["first.test", "second.test"], resolver.Lookups);
        Assert.Equal(["first.test", "second.test"], server.Requests.Select(r => r.Headers["Host"].Split(':')[0]));
    }

    [Fact]
    public async Task UnknownHost_DnsRule()
    {
        using var fetcher = Fetchers.Create(Fetchers.Options(allowPrivate: true), new FakeResolver());

        var error = await Assert.ThrowsAsync<MediaFetchException>(() => fetcher.FetchAsync("http://nowhere.test/a.png", MediaModality.Image));

        Assert.Equal("dns", error.Rule);
        Assert.Contains("nowhere.test", error.Message);
    }

    [Fact]
    public async Task HostWithNoAddresses_DnsRule()
    {
        var resolver = new FakeResolver().Answer("empty.test", Array.Empty<string>());
        using var fetcher = Fetchers.Create(Fetchers.Options(allowPrivate: true), resolver);

        var error = await Assert.ThrowsAsync<MediaFetchException>(() => fetcher.FetchAsync("http://empty.test/a.png", MediaModality.Image));

        Assert.Equal("dns", error.Rule);
    }
}
