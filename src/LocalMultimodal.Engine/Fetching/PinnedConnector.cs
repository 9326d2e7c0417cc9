using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace LocalMultimodal.Fetching;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/> that connects to the addresses checked for the request, never
/// resolving the host again: a second lookup is the window DNS rebinding uses to swap in a private address.
/// TLS still uses the URL's host for SNI and certificate checks, because the handler wraps this stream.
/// </summary>
internal static class PinnedConnector
{
    public static readonly HttpRequestOptionsKey<PinnedHost> Key = new("LocalMultimodal.PinnedHost");

    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endPoint = context.DnsEndPoint;
        if (!context.InitialRequestMessage.Options.TryGetValue(Key, out var pinned)
            || !string.Equals(pinned.Host.Trim('[', ']'), endPoint.Host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase))
        {
            // Only requests built by HttpMediaClient reach this handler; anything else is a bug, not a fallback to DNS.
            throw new InvalidOperationException($"No checked address for host '{endPoint.Host}'.");
        }

        SocketException? lastError = null;
        foreach (var pinnedAddress in pinned.Addresses)
        {
            // A v4-mapped address is the IPv4 host it names; connect over IPv4 so no dual-mode socket is needed.
            var address = pinnedAddress.IsIPv4MappedToIPv6 ? pinnedAddress.MapToIPv4() : pinnedAddress;
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endPoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                lastError = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw lastError ?? new SocketException((int)SocketError.HostNotFound);
    }
}
