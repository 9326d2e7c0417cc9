using System.Net;
using System.Net.Http.Headers;
using LocalMultimodal.Server.BrowserTests.Infrastructure;

namespace LocalMultimodal.Server.BrowserTests;

/// <summary>How the page's files are served: caching, HEAD, and what is not a page file.</summary>
[Collection(DemoPageCollection.Name)]
public sealed class WebUiRoutesTests(DemoPageFixture fixture)
{
    [Fact]
    public async Task PageFile_WithItsETag_Is304_AndHeadHasNoBody()
    {
        using var client = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };
        using var first = await client.GetAsync("/webui/app.js");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/javascript", first.Content.Headers.ContentType?.MediaType);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/webui/app.js");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var notModified = await client.SendAsync(again);
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"));

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.True(head.Content.Headers.ContentLength > 0);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(new MediaTypeHeaderValue("text/html") { CharSet = "utf-8" }, head.Content.Headers.ContentType);
    }

    [Theory]
    [InlineData("GET", "/webui/missing.js")]
    [InlineData("GET", "/webui/")]
    [InlineData("POST", "/")]
    public async Task NotAPageFile_IsTheApisJson404(string method, string path)
    {
        using var client = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("\"code\":\"not_found\"", await response.Content.ReadAsStringAsync());
    }
}
