using LocalMultimodal.Errors;
using LocalMultimodal.Media;

namespace LocalMultimodal.Tests.Fetching;

public sealed class RedirectTests
{
    private static readonly byte[] Body = [4, 5, 6];

    [Fact]
    public async Task Chain_FollowedAndEveryStatusHandled()
    {
        await using var server = new TestHttpServer((request, stream, ct) => request.Path switch
        {
            "/a" => TestResponses.RedirectAsync(stream, "/b", 302, ct),
            "/b" => TestResponses.RedirectAsync(stream, "c", 301, ct),
            "/c" => TestResponses.RedirectAsync(stream, $"http://{request.Headers["Host"]}/d", 303, ct),
            "/d" => TestResponses.RedirectAsync(stream, "/e", 307, ct),
            "/e" => TestResponses.RedirectAsync(stream, "/f", 308, ct),
            _ => TestResponses.OkAsync(stream, Body, cancellationToken: ct),
        });
        var options = Fetchers.Options(allowPrivate: true);
        using var fetcher = Fetchers.Create(options);

        var media = await fetcher.FetchAsync(server.Url("/a"), MediaModality.Image);

        Assert.Equal(Body, media.Data.ToArray());
        Assert.Equal(server.Url("/f"), media.Source!.AbsoluteUri);
        Assert.Equal(["/a", "/b", "/c", "/d", "/e", "/f"], server.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task ToUnlistedHost_Refused()
    {
        await using var server = new TestHttpServer((request, stream, ct) => request.Path == "/a"
            ? TestResponses.RedirectAsync(stream, $"http://127.0.0.1:{request.Headers["Host"].Split(':')[1]}/b", 302, ct)
            : TestResponses.OkAsync(stream, Body, cancellationToken: ct));
        var resolver = new FakeResolver().Answer("media.test", ["127.0.0.1"]);
        var options = Fetchers.Options(allowPrivate: true);
        options.AllowedDomains = ["media.test"];
        using var fetcher = Fetchers.Create(options, resolver);

        var error = await Assert.ThrowsAsync<MediaFetchException>(
            () => fetcher.FetchAsync($"http://media.test:{server.Port}/a", MediaModality.Image));

        Assert.Equal("domain", error.Rule);
        Assert.Contains($"127.0.0.1:{server.Port}/b", error.Message);
        Assert.Equal(["/a"], server.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task ToPrivateAddress_RefusedOnTheHop()
    {
        // Loopback plays the public address here, so the first hop passes and the hop's own address is what refuses.
        await using var server = new TestHttpServer((_, stream, ct) => TestResponses.RedirectAsync(stream, "http://internal.test/admin", 302, ct));
        var resolver = new FakeResolver().Answer("internal.test", ["10.0.0.7"]);
        using var fetcher = Fetchers.Create(Fetchers.Options(allowPrivate: false), resolver, Fetchers.OnlyLoopback);

        var error = await Assert.ThrowsAsync<MediaFetchException>(() => fetcher.FetchAsync(server.Url("/a"), MediaModality.Image));

        Assert.Equal("private_address", error.Rule);
        Assert.Contains("http://internal.test/admin", error.Message);
        Assert.Equal(["internal.test"], resolver.Lookups);
        Assert.Equal(1, server.ConnectionCount);
    }

    [Theory]
    [InlineData("file:///etc/passwd", "scheme")]
    [InlineData("ftp://127.0.0.1/x", "scheme")]
    [InlineData("data:image/png;base64,AAAA", "scheme")]
    [InlineData("http://127.0.0.1\\@media.test/x", "malformed_url")]
    [InlineData("http://media.test@127.0.0.1/x", "user_info")]
    public async Task ToForbiddenUrl_Refused(string location, string rule)
    {
        await using var server = new TestHttpServer((_, stream, ct) => TestResponses.RedirectAsync(stream, location, 302, ct));
        using var fetcher = Fetchers.Create(Fetchers.Options(allowPrivate: true));

        var error = await Assert.ThrowsAsync<MediaFetchException>(() => fetcher.FetchAsync(server.Url("/a"), MediaModality.Image));

        Assert.Equal(rule, error.Rule);
        Assert.Equal(1, server.ConnectionCount);
    }

    [Fact]
    public async Task MoreThanMaxRedirects_Refused()
    {
        await using var server = new TestHttpServer((_, stream, ct) => TestResponses.RedirectAsync(stream, "/loop", 302, ct));
        var options = Fetchers.Options(allowPrivate: true);
        options.MaxRedirects = 3;
        using var fetcher = Fetchers.Create(options);

        var error = await Assert.ThrowsAsync<MediaFetchException>(() => fetcher.FetchAsync(server.Url("/loop"), MediaModality.Image));

        Assert.Equal("redirect_limit", error.Rule);
        Assert.Equal(4, server.Requests.Count);
    }

    [Fact]
    public async Task ExactlyMaxRedirects_Followed()
    {
        await using var server = new TestHttpServer((request, stream, ct) => request.Path switch
        {
            "/1" => TestResponses.RedirectAsync(stream, "/2", 302, ct),
            "/2" => TestResponses.RedirectAsync(stream, "/3", 302, ct),
            _ => TestResponses.OkAsync(stream, Body, cancellationToken: ct),
        });
        var options = Fetchers.Options(allowPrivate: true);
        options.MaxRedirects = 2;
        using var fetcher = Fetchers.Create(options);

        var media = await fetcher.FetchAsync(server.Url("/1"), MediaModality.Image);

        Assert.Equal(Body, media.Data.ToArray());
    }

    [Fact]
    public async Task SwitchedOff_RedirectIsRefusal()
    {
        await using var server = new TestHttpServer((request, stream, ct) => request.Path == "/a"
            ? TestResponses.RedirectAsync(stream, "/b", 302, ct)
            : TestResponses.OkAsync(stream, Body, cancellationToken: ct));
        var options = Fetchers.Options(allowPrivate: true);
        options.AllowRedirects = false;
        using var fetcher = Fetchers.Create(options);

        var error = await Assert.ThrowsAsync<MediaFetchException>(() => fetcher.FetchAsync(server.Url("/a"), MediaModality.Image));

        Assert.Equal("redirect", error.Rule);
        Assert.Contains("switched off", error.Message);
        Assert.Equal(["/a"], server.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task WithoutLocation_Refused()
    {
        await using var server = new TestHttpServer((_, stream, ct) =>
            TestResponses.WriteAsync(stream, "302 Found", [("Content-Length", "0")], [], ct));
        using var fetcher = Fetchers.Create(Fetchers.Options(allowPrivate: true));

        var error = await Assert.ThrowsAsync<MediaFetchException>(() => fetcher.FetchAsync(server.Url("/a"), MediaModality.Image));

        Assert.Equal("redirect", error.Rule);
    }
}
