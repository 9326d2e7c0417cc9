using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace LocalMultimodal.Fetching;

/// <summary>
/// Fetches http(s) media: every hop's URL, host and resolved addresses are checked before a connection is made, the
/// connection goes to exactly the checked addresses, redirects are followed by hand, and the body is read under a byte cap.
/// </summary>
internal sealed class HttpMediaClient : IDisposable
{
    private readonly HttpClient _client;
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve;
    private readonly HostAllowlist _allowlist;
    private readonly Func<IPAddress, bool> _isAddressAllowed;
    private readonly MediaFetchOptions _options;

    public HttpMediaClient(
        MediaFetchOptions options, Func<string, CancellationToken, Task<IPAddress[]>> resolve, Func<IPAddress, bool> isAddressAllowed)
    {
        _options = options;
        _resolve = resolve;
        _isAddressAllowed = isAddressAllowed;
        _allowlist = new HostAllowlist(options.AllowedDomains);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,                         // each hop must pass the checks again
            AutomaticDecompression = DecompressionMethods.None, // the byte cap counts what we keep; no Accept-Encoding sent
            UseProxy = false,                                  // a proxy would connect on our behalf to an unchecked address
            UseCookies = false,
            ConnectCallback = PinnedConnector.ConnectAsync,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan }; // the caller's deadline covers the whole fetch
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("LocalMultimodal");
    }

    public async Task<FetchedMedia> GetAsync(string url, long maxBytes, CancellationToken cancellationToken)
    {
        var uri = Parse(url, baseUri: null, url);
        for (var hop = 0; ; hop++)
        {
            var addresses = await CheckHostAsync(uri, cancellationToken).ConfigureAwait(false);
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Options.Set(PinnedConnector.Key, new PinnedHost(uri.IdnHost, addresses));
            using var response = await SendAsync(request, uri, cancellationToken).ConfigureAwait(false);

            if (IsRedirect(response.StatusCode))
            {
                uri = NextHop(response, uri, hop);
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw Refuse(uri, FetchRules.HttpStatus, $"the server answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            var data = await ReadBodyAsync(response, uri, maxBytes, cancellationToken).ConfigureAwait(false);
            return new FetchedMedia(data, response.Content.Headers.ContentType?.MediaType?.ToLowerInvariant(), uri);
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Parses an absolute URL or a redirect's Location, refusing every form a host check could be fooled by.</summary>
    internal static Uri Parse(string text, Uri? baseUri, string shownUrl)
    {
        // Parsers disagree on '\' and whitespace (http://127.0.0.1\@allowed.com): refuse rather than guess which one wins.
        if (text.Any(c => c == '\\' || char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw FetchErrors.Refuse(shownUrl, FetchRules.MalformedUrl, "URLs with backslashes, whitespace or control characters are refused.");
        }

        var parsed = baseUri is null ? Uri.TryCreate(text, UriKind.Absolute, out var uri) : Uri.TryCreate(baseUri, text, out uri);
        if (!parsed || uri is null)
        {
            throw FetchErrors.Refuse(shownUrl, FetchRules.MalformedUrl, "not a valid absolute URL.");
        }

        if (uri.Scheme is not ("http" or "https"))
        {
            throw FetchErrors.Refuse(shownUrl, FetchRules.Scheme, $"only http and https may be fetched from a host, not '{uri.Scheme}'.");
        }

        if (uri.UserInfo.Length > 0 || uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.UserInfo, UriFormat.UriEscaped).Contains('@'))
        {
            throw FetchErrors.Refuse(shownUrl, FetchRules.UserInfo, "URLs with user information ('user@host') are refused.");
        }

        if (uri.Host.Length == 0)
        {
            throw FetchErrors.Refuse(shownUrl, FetchRules.MalformedUrl, "the URL has no host.");
        }

        return uri;
    }

    private async Task<IPAddress[]> CheckHostAsync(Uri uri, CancellationToken cancellationToken)
    {
        if (!_allowlist.Allows(uri))
        {
            throw Refuse(uri, FetchRules.Domain, $"host '{uri.IdnHost}' is not in the allowed media domains.");
        }

        var addresses = uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            ? [IPAddress.Parse(uri.Host.Trim('[', ']'))]
            : await ResolveAsync(uri, cancellationToken).ConfigureAwait(false);

        // Any non-public address refuses the host: a connection might otherwise pick that one. The address itself stays
        // out of the message, which would otherwise answer internal DNS queries for whoever sends the URL.
        if (addresses.Any(a => !_isAddressAllowed(a)))
        {
            throw Refuse(uri, FetchRules.PrivateAddress,
                $"host '{uri.IdnHost}' has a loopback, private, link-local or otherwise non-public address (AllowPrivateAddresses is off).");
        }

        return addresses;
    }

    private async Task<IPAddress[]> ResolveAsync(Uri uri, CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        try
        {
            addresses = await _resolve(uri.IdnHost, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw Refuse(uri, FetchRules.Dns, $"host '{uri.IdnHost}' could not be resolved.", e);
        }

        return addresses.Length > 0 ? addresses : throw Refuse(uri, FetchRules.Dns, $"host '{uri.IdnHost}' has no addresses.");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, Uri uri, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or SocketException)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // No inner detail in the message: "refused" versus "timed out" would map the private network for a caller.
            throw Refuse(uri, FetchRules.Connection, "the connection failed or the response was not valid HTTP.", e);
        }
    }

    private Uri NextHop(HttpResponseMessage response, Uri uri, int hop)
    {
        if (!_options.AllowRedirects)
        {
            throw Refuse(uri, FetchRules.Redirect,
                $"the server answered {(int)response.StatusCode} (a redirect) and redirects are switched off ({MediaFetchOptions.AllowRedirectsVariable}=0).");
        }

        if (hop >= _options.MaxRedirects)
        {
            throw Refuse(uri, FetchRules.RedirectLimit, $"more than {_options.MaxRedirects} redirects.");
        }

        // The raw header, not Headers.Location: its parser is more lenient than the checks in Parse.
        if (!response.Headers.TryGetValues("Location", out var values) || values.SingleOrDefault() is not { Length: > 0 } location)
        {
            throw Refuse(uri, FetchRules.Redirect, $"the server answered {(int)response.StatusCode} without a single Location.");
        }

        return Parse(location, uri, location);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, Uri uri, long maxBytes, CancellationToken cancellationToken)
    {
        var declared = response.Content.Headers.ContentLength;
        if (declared > maxBytes)
        {
            throw TooLarge(uri, maxBytes, $"declares {declared} bytes");
        }

        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return await BoundedReader.ReadAsync(body, maxBytes, declared, () => TooLarge(uri, maxBytes, "sent more bytes"), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw Refuse(uri, FetchRules.Connection, "the response body was cut short.", e);
        }
    }

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static Errors.MediaFetchException TooLarge(Uri uri, long maxBytes, string what) =>
        Refuse(uri, FetchRules.Size, $"the response {what}, over the {maxBytes}-byte limit.");

    private static Errors.MediaFetchException Refuse(Uri uri, string rule, string reason, Exception? inner = null) =>
        FetchErrors.Refuse(uri.OriginalString, rule, reason, inner);
}
