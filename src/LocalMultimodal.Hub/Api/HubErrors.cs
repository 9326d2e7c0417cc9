using System.Net;
using System.Net.Sockets;

namespace LocalMultimodal.Hub.Api;

/// <summary>Turns the hub's refusals into messages that say what to do, and sorts failures into retryable or not.</summary>
internal static class HubErrors
{
    /// <summary>Statuses worth another try: the hub or its content host is overloaded or briefly broken.</summary>
    public static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;

    /// <summary>Failures worth another try: a timeout, a dropped connection, or a transient status.</summary>
    public static bool IsTransient(Exception e, CancellationToken cancellationToken) => e switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        // No such host, or nothing listening: another try in a second will not change that.
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError } => false,
        TimeoutException or HttpRequestException or IOException or SocketException => true,
        TransientStatusException => true,
        _ => false,
    };

    /// <summary>Failures that mean the hub could not be reached at all (no network, no such host, refused).</summary>
    public static bool IsUnreachable(Exception e) =>
        e is HttpRequestException { StatusCode: null } or TimeoutException or SocketException || e.InnerException is SocketException
        || e is HubException { InnerException: { } inner } && IsUnreachable(inner);

    /// <summary>Throws for a status that is not a success; transient ones as <see cref="TransientStatusException"/>.</summary>
    /// <param name="response">The answer.</param>
    /// <param name="repository">The repository asked about.</param>
    /// <param name="what">What was asked for, for the message.</param>
    /// <param name="settings">The hub's settings (its address, whether a token is set).</param>
    /// <param name="file">The file asked for, when it was a download.</param>
    public static void ThrowForStatus(HttpResponseMessage response, string repository, string what, HubSettings settings, string? file = null)
    {
        var status = response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        if (IsTransient(status))
        {
            throw new TransientStatusException($"The hub answered {(int)status} {status} to {what} of {repository}.");
        }

        string? code = response.Headers.TryGetValues("X-Error-Code", out var codes) ? codes.FirstOrDefault() : null;
        string hub = settings.Endpoint.GetLeftPart(UriPartial.Authority);
        throw (status, code) switch
        {
            (_, "RevisionNotFound") => new HubException($"The repository '{repository}' on {hub} has no revision '{settings.Revision}'."),
            (HttpStatusCode.NotFound, _) or (_, "EntryNotFound") when file is not null => new HubException(
                $"The repository '{repository}' on {hub} lists '{file}', but the hub has no such file to download (404). Try again later, or pick another quant."),
            (_, "EntryNotFound") => new HubException($"The repository '{repository}' on {hub} has nothing for {what}."),
            (HttpStatusCode.NotFound, _) or (_, "RepoNotFound") => new HubException(
                $"No model repository '{repository}' on {hub} (404). Check the owner/name spelling; a private repository needs HF_TOKEN."),
            (HttpStatusCode.Unauthorized, _) => new HubException(settings.Token is null
                ? $"The repository '{repository}' on {hub} needs authentication (401): it is gated or private. Set HF_TOKEN to an access token of an account that may read it."
                : $"The hub refused the token in HF_TOKEN for '{repository}' (401): it is wrong or expired. Set HF_TOKEN to a valid access token."),
            (HttpStatusCode.Forbidden, _) => new HubException(
                $"Access to '{repository}' on {hub} is forbidden (403): the repository is gated. Accept its terms on the repository's page and set HF_TOKEN to a token of that account."),
            _ => new HubException($"The hub answered {(int)status} {status} to {what} of {repository}."),
        };
    }
}
