using System.Globalization;
using System.Net;

namespace LocalMultimodal.Fetching;

/// <summary>
/// The allowed media hosts. Exact, case-insensitive match on the parsed host; subdomains do not match, because a
/// suffix rule is what lets <c>allowed.com.evil.net</c> style tricks through when written carelessly.
/// </summary>
internal sealed class HostAllowlist
{
    private readonly HashSet<string> _hosts;

    public HostAllowlist(IEnumerable<string>? hosts) =>
        _hosts = new HashSet<string>((hosts ?? []).Select(Normalize), StringComparer.Ordinal);

    /// <summary>True when no list was configured: every host passes (the other checks still apply).</summary>
    public bool AllowsAny => _hosts.Count == 0;

    public bool Allows(Uri uri) => AllowsAny || _hosts.Contains(Normalize(uri.IdnHost));

    public static bool IsValidEntry(string? entry)
    {
        if (string.IsNullOrWhiteSpace(entry))
        {
            return false;
        }

        var host = entry.Trim();
        if (IPAddress.TryParse(host.Trim('[', ']'), out _))
        {
            return true;
        }

        return Uri.CheckHostName(host.TrimEnd('.')) == UriHostNameType.Dns;
    }

    // One spelling per host: lower case, ASCII (punycode) form, no trailing root dot, IPv6 without brackets.
    private static string Normalize(string host)
    {
        var trimmed = host.Trim().Trim('[', ']').TrimEnd('.');
        if (IPAddress.TryParse(trimmed, out var address))
        {
            return address.ToString();
        }

        try
        {
            return new IdnMapping().GetAscii(trimmed).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return trimmed.ToLowerInvariant();
        }
    }
}
