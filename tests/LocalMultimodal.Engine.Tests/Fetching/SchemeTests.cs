using LocalMultimodal.Errors;
using LocalMultimodal.Fetching;
using LocalMultimodal.Media;

namespace LocalMultimodal.Tests.Fetching;

public sealed class SchemeTests
{
    [Theory]
    [InlineData("ftp://example.com/a.png")]
    [InlineData("gopher://example.com/")]
    [InlineData("ws://example.com/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("jar:file:///a.jar!/x")]
    [InlineData("/etc/passwd")]        // System.Uri would read this as file:///etc/passwd on Unix
    [InlineData("images/a.png")]
    [InlineData("C:\\Windows\\win.ini")]
    [InlineData("//example.com/a.png")]
    public async Task Unsupported_Refused(string url)
    {
        using var fetcher = Fetchers.Create(new MediaFetchOptions { AllowedLocalMediaPath = "/" });

        var error = await Assert.ThrowsAsync<MediaFetchException>(() => fetcher.FetchAsync(url, MediaModality.Image));

        Assert.Equal("scheme", error.Rule);
        Assert.Contains(url, error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public async Task Empty_Refused(string url)
    {
        using var fetcher = Fetchers.Create(new MediaFetchOptions());

        var error = await Assert.ThrowsAsync<MediaFetchException>(() => fetcher.FetchAsync(url, MediaModality.Image));

        Assert.Equal("malformed_url", error.Rule);
    }
}
