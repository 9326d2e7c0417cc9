using System.Globalization;
using System.Net;
using LocalMultimodal.Errors;
using LocalMultimodal.Media;

namespace LocalMultimodal.Fetching;

/// <summary>
/// Fetches media from http, https, data and (when allowed) file URLs, refusing anything that could reach where it
/// should not or take more than its share. Create one per application and share it; it is thread-safe.
/// </summary>
/// <remarks>
/// Every refusal is a <see cref="MediaFetchException"/> whose <see cref="MediaFetchException.Rule"/> is one of
/// <c>scheme</c>, <c>malformed_url</c>, <c>user_info</c>, <c>domain</c>, <c>private_address</c>, <c>dns</c>,
/// <c>redirect</c>, <c>redirect_limit</c>, <c>size</c>, <c>timeout</c>, <c>http_status</c>, <c>connection</c>,
/// <c>data_url</c> or <c>local_path</c>.
/// </remarks>
public sealed class MediaFetcher : IDisposable
{
    private readonly MediaFetchOptions _options;
    private readonly HttpMediaClient _http;

    /// <summary>Creates the fetcher.</summary>
    /// <param name="options">The limits; validated here and copied, so later changes do not apply.</param>
    /// <exception cref="InvalidOperationException">The options are invalid.</exception>
    public MediaFetcher(MediaFetchOptions options)
        : this(options, Dns.GetHostAddressesAsync)
    {
    }

    /// <summary>
    /// Creates the fetcher with a given DNS resolver and address rule, so tests can play a rebinding DNS server and
    /// treat their loopback server as the one "public" address.
    /// </summary>
    internal MediaFetcher(
        MediaFetchOptions options,
        Func<string, CancellationToken, Task<IPAddress[]>> resolve,
        Func<IPAddress, bool>? isAddressAllowed = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Clone();
        var allowPrivate = _options.AllowPrivateAddresses;
        _http = new HttpMediaClient(_options, resolve, isAddressAllowed ?? (address => allowPrivate || AddressPolicy.IsPublic(address)));
    }

    /// <summary>Fetches one media item within the modality's deadline and byte limit.</summary>
    /// <param name="url">An http, https, data or file URL.</param>
    /// <param name="modality">Chooses the deadline and the byte limit.</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    /// <returns>The raw bytes, never decompressed or decoded.</returns>
    /// <exception cref="MediaFetchException">The URL was refused or the fetch failed; the message names the rule and the URL.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<FetchedMedia> FetchAsync(string url, MediaModality modality, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        var timeout = _options.TimeoutFor(modality);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await FetchCoreAsync(url, _options.MaxBytesFor(modality), deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw FetchErrors.Refuse(url, FetchRules.Timeout, string.Create(CultureInfo.InvariantCulture,
                $"the {modality.ToString().ToLowerInvariant()} was not fetched within {timeout.TotalSeconds:0.###} s."), e);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();

    private async Task<FetchedMedia> FetchCoreAsync(string url, long maxBytes, CancellationToken cancellationToken)
    {
        if (url.Length == 0 || char.IsWhiteSpace(url[0]) || char.IsWhiteSpace(url[^1]))
        {
            throw FetchErrors.Refuse(url, FetchRules.MalformedUrl, "the URL is empty or has surrounding whitespace.");
        }

        switch (SchemeOf(url))
        {
            case "http" or "https":
                return await _http.GetAsync(url, maxBytes, cancellationToken).ConfigureAwait(false);
            case "data":
                return DataUrl.Decode(url, maxBytes);
            case "file":
                return await LocalMediaReader.ReadAsync(url, _options.AllowedLocalMediaPath, maxBytes, cancellationToken).ConfigureAwait(false);
            case var other:
                var named = other is null ? "" : $", not '{other}'";
                throw FetchErrors.Refuse(url, FetchRules.Scheme, $"only http, https, data and file URLs are fetched{named}.");
        }
    }

    // Read from the text, before any Uri parsing: Uri turns a bare "/path" into a file URL on Unix.
    private static string? SchemeOf(string url)
    {
        var colon = url.IndexOf(':');
        if (colon <= 0 || !char.IsAsciiLetter(url[0]))
        {
            return null;
        }

        var scheme = url[..colon];
        return scheme.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.') ? scheme.ToLowerInvariant() : null;
    }
}
