using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LocalMultimodal.AI.Tests.Fakes;

/// <summary>A tiny HTTP/1.1 server on 127.0.0.1 that serves fixed files by path (404 otherwise), one request per connection.</summary>
internal sealed class StaticHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Dictionary<string, (string MediaType, byte[] Body)> _files;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;

    public StaticHttpServer(Dictionary<string, (string MediaType, byte[] Body)> files)
    {
        _files = files;
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    public ConcurrentQueue<string> RequestedPaths { get; } = new();

    public string Url(string path) => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}{path}";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                await ServeAsync(client.GetStream());
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
            {
                // Stopping, or a client that went away: either way, on to the next one.
            }
        }
    }

    private async Task ServeAsync(NetworkStream stream)
    {
        using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
        string path = (await reader.ReadLineAsync(_stop.Token))?.Split(' ') is [_, var target, ..] ? target : "/";
        while (!string.IsNullOrEmpty(await reader.ReadLineAsync(_stop.Token)))
        {
        }

        RequestedPaths.Enqueue(path);
        var (status, mediaType, body) = _files.TryGetValue(path, out var file)
            ? ("200 OK", file.MediaType, file.Body)
            : ("404 Not Found", "text/plain", "not found"u8.ToArray());
        var head = $"HTTP/1.1 {status}\r\nContent-Type: {mediaType}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), _stop.Token);
        await stream.WriteAsync(body, _stop.Token);
    }
}
