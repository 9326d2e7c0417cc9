using System.Text;

namespace LocalMultimodal.Tests.Fetching;

/// <summary>Writes raw HTTP/1.1 responses for <see cref="TestHttpServer"/> handlers.</summary>
internal static class TestResponses
{
    public static Task OkAsync(Stream stream, byte[] body, string contentType = "image/png", CancellationToken cancellationToken = default) =>
        WriteAsync(stream, "200 OK", [("Content-Type", contentType), ("Content-Length", body.Length.ToString())], body, cancellationToken);

    public static Task RedirectAsync(Stream stream, string location, int status = 302, CancellationToken cancellationToken = default) =>
        WriteAsync(stream, $"{status} Redirect", [("Location", location), ("Content-Length", "0")], [], cancellationToken);

    public static async Task WriteAsync(
        Stream stream, string status, IEnumerable<(string Name, string Value)> headers, byte[] body, CancellationToken cancellationToken = default)
    {
        await WriteHeadAsync(stream, status, headers, cancellationToken);
        await stream.WriteAsync(body, cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    public static async Task WriteHeadAsync(
        Stream stream, string status, IEnumerable<(string Name, string Value)> headers, CancellationToken cancellationToken = default)
    {
        var head = new StringBuilder($"HTTP/1.1 {status}\r\nConnection: close\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append($"{name}: {value}\r\n");
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()), cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    /// <summary>Sends bytes until the client leaves or the test ends: a body that never stops.</summary>
    public static async Task EndlessAsync(Stream stream, int chunkSize, TimeSpan pause, CancellationToken cancellationToken)
    {
        var chunk = new byte[chunkSize];
        while (true)
        {
            await stream.WriteAsync(chunk, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, cancellationToken);
            }
        }
    }
}
