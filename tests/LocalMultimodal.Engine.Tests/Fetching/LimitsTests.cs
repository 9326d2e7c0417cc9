using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using LocalMultimodal.Errors;
using LocalMultimodal.Fetching;
using LocalMultimodal.Media;

namespace LocalMultimodal.Tests.Fetching;

public sealed class LimitsTests
{
    private const int Cap = 64 * 1024;
    private static readonly TimeSpan ShortDeadline = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task DeclaredLengthOverCap_RefusedBeforeReadingBody()
    {
        // The body never comes: only a refusal on the header can end this before the deadline.
        await using var server = new TestHttpServer(async (_, stream, ct) =>
        {
            await TestResponses.WriteHeadAsync(stream, "200 OK", [("Content-Length", (Cap + 1).ToString())], ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        using var fetcher = Create();

        var error = await Assert.ThrowsAsync<MediaFetchException>(() => fetcher.FetchAsync(server.Url(), MediaModality.Image));

        Assert.Equal("size", error.Rule);
        Assert.Contains((Cap + 1).ToString(), error.Message);
    }

    [Fact]
    public async Task EndlessBodyWithoutLength_RefusedWhileStreaming()
    {
        await using var server = new TestHttpServer(async (_, stream, ct) =>
        {
            await TestResponses.WriteHeadAsync(stream, "200 OK", [], ct);
            await TestResponses.EndlessAsync(stream, 8192, TimeSpan.Zero, ct);
        });
        using var fetcher = Create();

        var error = await Assert.ThrowsAsync<MediaFetchException>(() => fetcher.FetchAsync(server.Url(), MediaModality.Image));

        Assert.Equal("size", error.Rule);
    }

    [Fact]
    public async Task EndlessChunkedBody_RefusedWhileStreaming()
    {
        var chunk = System.Text.Encoding.ASCII.GetBytes("1000\r\n" + new string('x', 0x1000) + "\r\n");
        await using var server = new TestHttpServer(async (_, stream, ct) =>
        {
            await TestResponses.WriteHeadAsync(stream, "200 OK", [("Transfer-Encoding", "chunked")], ct);
            while (true)
            {
                await stream.WriteAsync(chunk, ct);
            }
        });
        using var fetcher = Create();

        var error = await Assert.ThrowsAsync<MediaFetchException>(() => fetcher.FetchAsync(server.Url(), MediaModality.Image));

        Assert.Equal("size", error.Rule);
    }

    [Fact]
    public async Task BodyExactlyAtCap_Accepted()
    {
        var body = new byte[Cap];
        Random.Shared.NextBytes(body);
        await using var server = new TestHttpServer((_, stream, ct) => TestResponses.WriteAsync(stream, "200 OK", [], body, ct));
        using var fetcher = Create();

        var media = await fetcher.FetchAsync(server.Url(), MediaModality.Image);

        Assert.Equal(body, media.Data.ToArray());
    }

    [Fact]
    public async Task BodyLongerThanDeclaredLength_OnlyDeclaredBytesKept()
    {
        await using var server = new TestHttpServer((_, stream, ct) =>
            TestResponses.WriteAsync(stream, "200 OK", [("Content-Length", "4")], new byte[Cap * 2], ct));
        using var fetcher = Create();

        var media = await fetcher.FetchAsync(server.Url(), MediaModality.Image);

        Assert.Equal(4, media.Data.Length);
    }

    [Fact]
    public async Task BodyShorterThanDeclaredLength_ConnectionError()
    {
        await using var server = new TestHttpServer((_, stream, ct) =>
            TestResponses.WriteAsync(stream, "200 OK", [("Content-Length", "100")], new byte[10], ct));
        using var fetcher = Create();

        var error = await Assert.ThrowsAsync<MediaFetchException>(() => fetcher.FetchAsync(server.Url(), MediaModality.Image));

        Assert.Equal("connection", error.Rule);
    }

    [Fact]
    public async Task SlowDrip_TimesOutAtTheModalityDeadline()
    {
        await using var server = new TestHttpServer(async (_, stream, ct) =>
        {
            await TestResponses.WriteHeadAsync(stream, "200 OK", [("Content-Length", "1000")], ct);
            await TestResponses.EndlessAsync(stream, 1, TimeSpan.FromMilliseconds(20), ct);
        });
        using var fetcher = Create(shortDeadline: true);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<MediaFetchException>(() => fetcher.FetchAsync(server.Url(), MediaModality.Image));

        Assert.Equal("timeout", error.Rule);
        Assert.InRange(clock.Elapsed, ShortDeadline, TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task NoResponse_TimesOut()
    {
        await using var server = new TestHttpServer((_, _, ct) => Task.Delay(Timeout.Infinite, ct));
        using var fetcher = Create(shortDeadline: true);

        var error = await Assert.ThrowsAsync<MediaFetchException>(() => fetcher.FetchAsync(server.Url(), MediaModality.Audio));

        Assert.Equal("timeout", error.Rule);
        Assert.Contains("audio was not fetched within 0.3 s", error.Message);
    }

    [Fact]
    public async Task DeadlineAndCap_ChosenByModality()
    {
        var body = new byte[Cap * 2];
        await using var server = new TestHttpServer(async (_, stream, ct) =>
        {
            await Task.Delay(ShortDeadline * 2, ct);
            await TestResponses.WriteAsync(stream, "200 OK", [("Content-Length", body.Length.ToString())], body, ct);
        });
        var options = Fetchers.Options(allowPrivate: true);
        options.ImageTimeout = ShortDeadline;
        options.MaxImageBytes = Cap;
        options.VideoTimeout = TimeSpan.FromSeconds(5);
        options.MaxVideoBytes = Cap * 4;
        using var fetcher = Fetchers.Create(options);

        var error = await Assert.ThrowsAsync<MediaFetchException>(() => fetcher.FetchAsync(server.Url(), MediaModality.Image));
        var video = await fetcher.FetchAsync(server.Url(), MediaModality.Video);

        Assert.Equal("timeout", error.Rule);
        Assert.Equal(body.Length, video.Data.Length);
    }

    [Fact]
    public async Task CallerCancellation_IsOperationCanceled()
    {
        await using var server = new TestHttpServer((_, _, ct) => Task.Delay(Timeout.Infinite, ct));
        var options = Fetchers.Options(allowPrivate: true);
        using var fetcher = Fetchers.Create(options);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetcher.FetchAsync(server.Url(), MediaModality.Image, cancel.Token));
    }

    [Fact]
    public async Task GzipBody_ReturnedRawAndNoEncodingAsked()
    {
        var gzip = Gzip(new byte[100_000]);
        await using var server = new TestHttpServer((_, stream, ct) => TestResponses.WriteAsync(
            stream, "200 OK", [("Content-Encoding", "gzip"), ("Content-Type", "image/png"), ("Content-Length", gzip.Length.ToString())], gzip, ct));
        using var fetcher = Create();

        var media = await fetcher.FetchAsync(server.Url(), MediaModality.Image);

        Assert.Equal(gzip, media.Data.ToArray());
        Assert.False(server.Requests.Single().Headers.ContainsKey("Accept-Encoding"));
    }

    [Theory]
    [InlineData(404)]
    [InlineData(500)]
    [InlineData(304)]
    public async Task NonSuccessStatus_ErrorNamesStatus(int status)
    {
        await using var server = new TestHttpServer((_, stream, ct) =>
            TestResponses.WriteAsync(stream, $"{status} Nope", [("Content-Length", "0")], [], ct));
        using var fetcher = Create();

        var error = await Assert.ThrowsAsync<MediaFetchException>(() => fetcher.FetchAsync(server.Url("/x.png"), MediaModality.Image));

        Assert.Equal("http_status", error.Rule);
        Assert.Contains(status.ToString(), error.Message);
        Assert.Contains(server.Url("/x.png"), error.Message);
    }

    [Fact]
    public async Task ContentType_ReducedToLowerCaseMediaType()
    {
        await using var server = new TestHttpServer((_, stream, ct) => TestResponses.OkAsync(stream, [1], "Image/PNG; charset=binary", ct));
        using var fetcher = Create();

        var media = await fetcher.FetchAsync(server.Url(), MediaModality.Image);

        Assert.Equal("image/png", media.MediaType);
    }

    [Fact]
    public async Task NothingListening_ConnectionError()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var fetcher = Create();

        var error = await Assert.ThrowsAsync<MediaFetchException>(() => fetcher.FetchAsync($"http://127.0.0.1:{port}/", MediaModality.Image));

        Assert.Equal("connection", error.Rule);
    }

    // A roomy deadline unless the test is about deadlines, so a busy machine cannot turn a size refusal into a timeout.
    private static MediaFetcher Create(bool shortDeadline = false)
    {
        var options = Fetchers.Options(allowPrivate: true);
        if (shortDeadline)
        {
            options.ImageTimeout = ShortDeadline;
            options.AudioTimeout = ShortDeadline;
        }

        options.MaxImageBytes = Cap;
        return Fetchers.Create(options);
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
