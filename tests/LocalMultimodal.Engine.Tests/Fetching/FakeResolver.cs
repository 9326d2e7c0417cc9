using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace LocalMultimodal.Tests.Fetching;

/// <summary>
/// A DNS stand-in: each host answers from its queue of replies, the last one repeating, so a test can play a rebinding
/// server (public first, private after). Unknown hosts fail like NXDOMAIN. Records every lookup.
/// </summary>
internal sealed class FakeResolver
{
    private readonly ConcurrentDictionary<string, Queue<IPAddress[]>> _answers = new(StringComparer.OrdinalIgnoreCase);

    public ConcurrentQueue<string> Lookups { get; } = new();

    public FakeResolver Answer(string host, params string[][] replies)
    {
        _answers[host] = new Queue<IPAddress[]>(replies.Select(reply => reply.Select(IPAddress.Parse).ToArray()));
        return this;
    }

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        Lookups.Enqueue(host);
        // Like DNS, a trailing root dot names the same host.
        if (!_answers.TryGetValue(host.TrimEnd('.'), out var replies))
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        lock (replies)
        {
            return Task.FromResult(replies.Count > 1 ? replies.Dequeue() : replies.Peek());
        }
    }
}
