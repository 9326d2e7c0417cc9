using System.Net;
using LocalMultimodal.Fetching;

namespace LocalMultimodal.Tests.Fetching;

/// <summary>Builds fetchers for tests: short deadlines, and optionally a fake resolver or address rule.</summary>
internal static class Fetchers
{
    public static MediaFetchOptions Options(bool allowPrivate)
    {
        return new MediaFetchOptions
        {
            AllowPrivateAddresses = allowPrivate,
            ImageTimeout = TimeSpan.FromSeconds(3),
            AudioTimeout = TimeSpan.FromSeconds(3),
            VideoTimeout = TimeSpan.FromSeconds(3),
        };
    }

    public static MediaFetcher Create(
        MediaFetchOptions options, FakeResolver? resolver = null, Func<IPAddress, bool>? isAddressAllowed = null) =>
        new(options, resolver is null ? Dns.GetHostAddressesAsync : resolver.ResolveAsync, isAddressAllowed);

    /// <summary>Only loopback counts as "public": lets a test pass hop one on its local server and see later hops refused.</summary>
    public static bool OnlyLoopback(IPAddress address) => IPAddress.IsLoopback(address);
}
