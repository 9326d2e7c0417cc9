using LocalMultimodal.Errors;
using LocalMultimodal.Fetching;
using LocalMultimodal.Media;

namespace LocalMultimodal.Tests.Fetching;

public sealed class AllowlistTests : IAsyncLifetime
{
    private static readonly byte[] Body = [9, 8, 7];
    private readonly TestHttpServer _server = new((_, stream, ct) => TestResponses.OkAsync(stream, Body, cancellationToken: ct));
    private readonly FakeResolver _resolver = new();
    private MediaFetcher _fetcher = null!;

    public Task InitializeAsync()
    {
        foreach (var host in new[] { "media.test", "cdn.media.test", "media.test.evil.test", "other.test" })
        {
            _resolver.Answer(host, ["127.0.0.1"]);
        }

        // Private addresses allowed, so the allowlist is the only rule that can refuse.
        var options = Fetchers.Options(allowPrivate: true);
        options.AllowedDomains = ["media.test"];
        _fetcher = Fetchers.Create(options, _resolver);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _fetcher.Dispose();
        await _server.DisposeAsync();
    }

    [Theory]
    [InlineData("http://media.test:{port}/a.png")]
    [InlineData("http://MEDIA.Test:{port}/a.png")]
    [InlineData("http://media.test.:{port}/a.png")]
    public async Task ListedHost_Fetched(string template)
    {
        var media = await _fetcher.FetchAsync(Url(template), MediaModality.Image);

        Assert.Equal(Body, media.Data.ToArray());
        Assert.StartsWith("media.test", _server.Requests.Single().Headers["Host"], StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("http://127.0.0.1:{port}/a.png")]
    [InlineData("http://other.test:{port}/a.png")]
    [InlineData("http://cdn.media.test:{port}/a.png")]          // subdomains do not match
    [InlineData("http://media.test.evil.test:{port}/a.png")]    // nor does a suffix
    [InlineData("http://127.0.0.1:{port}#@media.test/a.png")]   // the fragment is not the host
    [InlineData("http://127.0.0.1:{port}/media.test")]
    public async Task UnlistedHost_RefusedBeforeConnecting(string template)
    {
        var url = Url(template);

        var error = await Assert.ThrowsAsync<MediaFetchException>(() => _fetcher.FetchAsync(url, MediaModality.Image));

        Assert.Equal("domain", error.Rule);
        Assert.Contains(url, error.Message);
        Assert.Equal(0, _server.ConnectionCount);
    }

    [Theory]
    [InlineData("http://media.test@127.0.0.1:{port}/a.png", "user_info")]
    [InlineData("http://media.test:pw@127.0.0.1:{port}/a.png", "user_info")]
    [InlineData("http://@media.test:{port}/a.png", "user_info")]
    [InlineData("http://127.0.0.1:{port}\\@media.test/a.png", "malformed_url")]
    [InlineData("http://127.0.0.1\\@media.test:{port}/a.png", "malformed_url")]
    [InlineData("http://media.test:{port}/a b.png", "malformed_url")]
    [InlineData(" http://media.test:{port}/a.png", "malformed_url")]
    [InlineData("http://media.test:{port}/a.png\n", "malformed_url")]
    [InlineData("http:///a.png", "malformed_url")]
    [InlineData("http://", "malformed_url")]
    public async Task OddForm_Refused(string template, string rule)
    {
        var url = Url(template);

        var error = await Assert.ThrowsAsync<MediaFetchException>(() => _fetcher.FetchAsync(url, MediaModality.Image));

        Assert.Equal(rule, error.Rule);
        Assert.Equal(0, _server.ConnectionCount);
    }

    private string Url(string template) => template.Replace("{port}", _server.Port.ToString());
}
