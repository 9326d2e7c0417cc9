using LocalMultimodal.Errors;
using LocalMultimodal.Fetching;
using LocalMultimodal.Media;

namespace LocalMultimodal.Tests.Fetching;

public sealed class DataUrlTests
{
    private readonly MediaFetcher _fetcher = Fetchers.Create(new MediaFetchOptions { MaxImageBytes = 1024 });

    [Theory]
    [InlineData("data:image/png;base64,AAEC/w==", "image/png", new byte[] { 0, 1, 2, 255 })]
    [InlineData("DATA:Image/PNG;BASE64,AAEC/w==", "image/png", new byte[] { 0, 1, 2, 255 })]
    [InlineData("data:image/png;name=a.png;base64,AAEC/w==", "image/png", new byte[] { 0, 1, 2, 255 })]
    [InlineData("data:;base64,AAEC/w==", null, new byte[] { 0, 1, 2, 255 })]
    [InlineData("data:base64,AAEC/w==", null, new byte[] { 0, 1, 2, 255 })]
    [InlineData("data:text/plain,hi%20there%FF", "text/plain", new byte[] { (byte)'h', (byte)'i', 32, (byte)'t', (byte)'h', (byte)'e', (byte)'r', (byte)'e', 255 })]
    [InlineData("data:,", null, new byte[0])]
    public async Task WellFormed_Decoded(string url, string? mediaType, byte[] expected)
    {
        var media = await _fetcher.FetchAsync(url, MediaModality.Image);

        Assert.Equal(expected, media.Data.ToArray());
        Assert.Equal(mediaType, media.MediaType);
        Assert.Null(media.Source);
    }

    [Theory]
    [InlineData("data:image/png;base64")]              // no comma
    [InlineData("data:image/png;base64,AAE*")]         // not base64
    [InlineData("data:image/png;base64,AAE")]          // truncated base64
    [InlineData("data:text/plain,50%zz")]              // bad escape
    [InlineData("data:text/plain,50%4")]               // cut escape
    [InlineData("data:text/plain,caf\u00e9")]          // raw non-ASCII
    [InlineData("data:image,AAAA")]                    // no subtype
    [InlineData("data:image/png/x;base64,AAAA")]
    [InlineData("data:image/png;charset;base64,AAAA")] // parameter without value
    public async Task Malformed_RefusedWithClearRule(string url)
    {
        var error = await Assert.ThrowsAsync<MediaFetchException>(() => _fetcher.FetchAsync(url, MediaModality.Image));

        Assert.Equal("data_url", error.Rule);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task OverCap_RefusedAndPayloadNotEchoed(bool base64)
    {
        var payload = base64 ? Convert.ToBase64String(new byte[2000]) : new string('a', 2000);
        var url = base64 ? $"data:image/png;base64,{payload}" : $"data:text/plain,{payload}";

        var error = await Assert.ThrowsAsync<MediaFetchException>(() => _fetcher.FetchAsync(url, MediaModality.Image));

        Assert.Equal("size", error.Rule);
        Assert.Contains(url[..30], error.Message);
        Assert.True(error.Message.Length < 300, error.Message);
    }

    [Fact]
    public async Task LargerThanUriLimit_Decoded()
    {
        // System.Uri refuses strings over ~65 K characters; data URLs of real images are longer.
        var data = new byte[100_000];
        Random.Shared.NextBytes(data);
        using var fetcher = Fetchers.Create(new MediaFetchOptions());

        var media = await fetcher.FetchAsync($"data:image/jpeg;base64,{Convert.ToBase64String(data)}", MediaModality.Image);

        Assert.Equal(data, media.Data.ToArray());
    }
}
