using System.Net;
using System.Net.Http.Headers;

namespace LocalMultimodal.Hub.Api;

/// <summary>
/// The HTTP side of the hub client. Redirects are followed here, not by the handler, so the hops are bounded and
/// the token goes only to the hub's own host: a content host on another host never sees it.
/// </summary>
internal sealed class HubHttp : IDisposable
{
    private readonly HubSettings settings;
    private readonly HttpClient client;

    public HubHttp(HubSettings settings, HttpMessageHandler? handler = null)
    {
        this.settings = settings;
        handler ??= new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = settings.ReadTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("LocalMultimodal", "1.0"));
    }

    /// <summary>
    /// GETs <paramref name="uri"/>, following up to <see cref="HubSettings.MaxRedirects"/> redirects, and returns
    /// once the headers arrived (the body is left to the caller).
    /// </summary>
    /// <param name="uri">An address on the hub.</param>
    /// <param name="rangeStart">A byte offset to resume from; 0 asks for the whole body.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="TimeoutException">No headers within <see cref="HubSettings.ReadTimeout"/>.</exception>
    /// <exception cref="HubException">Too many redirects, or a redirect to a scheme other than http(s).</exception>
    public async Task<HttpResponseMessage> GetAsync(Uri uri, long rangeStart, CancellationToken cancellationToken)
    {
        for (int hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            if (rangeStart > 0)
            {
                request.Headers.Range = new RangeHeaderValue(rangeStart, null);
            }

            if (settings.Token is { } token && settings.IsHubHost(uri))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.ReadTimeout);
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{uri.Host} sent no answer within {settings.ReadTimeout.TotalSeconds:0.#} s.");
            }

            if (!IsRedirect(response.StatusCode))
            {
                return response;
            }

            var location = response.Headers.Location;
            response.Dispose();
            if (location is null)
            {
                throw new HubException($"{uri.Host} answered a redirect without a Location.");
            }

            if (hop >= settings.MaxRedirects)
            {
                throw new HubException($"More than {settings.MaxRedirects} redirects fetching {uri.AbsolutePath}; the hub or its content host is misconfigured.");
            }

            uri = location.IsAbsoluteUri ? location : new Uri(uri, location);
            if (uri.Scheme is not ("http" or "https"))
            {
                throw new HubException($"The hub redirected to a {uri.Scheme}: address; only http and https are followed.");
            }
        }
    }

    /// <summary>GETs a JSON document from the hub; the caller checks the status.</summary>
    public Task<HttpResponseMessage> GetJsonAsync(Uri uri, CancellationToken cancellationToken) => GetAsync(uri, 0, cancellationToken);

    public void Dispose() => client.Dispose();

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
}
