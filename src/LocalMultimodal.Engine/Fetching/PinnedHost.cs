using System.Net;

namespace LocalMultimodal.Fetching;

/// <summary>A host and the addresses it resolved to when it was checked; the only addresses a connection may use.</summary>
internal sealed record PinnedHost(string Host, IReadOnlyList<IPAddress> Addresses);
