using System.Text.Json;
using LocalMultimodal.Errors;
using LocalMultimodal.Server.Protocol;
using Microsoft.AspNetCore.WebUtilities;

namespace LocalMultimodal.Server.Errors;

/// <summary>An error answer: its status, OpenAI body and, for 429, how long to wait.</summary>
internal sealed record ApiError(int StatusCode, ErrorDetail Detail, int? RetryAfterSeconds = null)
{
    /// <summary>
    /// Maps an exception from any layer to an answer. Only messages we wrote reach the client: our exceptions'
    /// messages are written to be shown, and nothing else (decoders, native code, inner exceptions) is.
    /// </summary>
    public static ApiError From(Exception exception, long maxRequestBytes) => exception switch
    {
        ApiException e => Of(e.StatusCode, e.Type, e.Message, e.Code, e.Param),
        EngineBusyException e => new ApiError(StatusCodes.Status429TooManyRequests, MakeDetail(ErrorTypes.RateLimit, e.Message, e.Code, null), RetryAfterSeconds: 1),
        InvalidRequestException e => Of(StatusCodes.Status400BadRequest, ErrorTypes.InvalidRequest, e.Message, e.Code, e.Param),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Of(
            StatusCodes.Status413PayloadTooLarge, ErrorTypes.InvalidRequest,
            $"The request body is larger than this server accepts ({maxRequestBytes} bytes, --max-request-bytes).", "request_too_large"),
        BadHttpRequestException e => Of(e.StatusCode, ErrorTypes.InvalidRequest, "The request could not be read.", "bad_request"),
        JsonException e => Of(
            StatusCodes.Status400BadRequest, ErrorTypes.InvalidRequest,
            $"The request body is not valid JSON, or a field has the wrong type (at {e.Path ?? "$"}).", "invalid_json", e.Path),
        // System.Text.Json checks UTF-8 only when a string or property name is read from a JsonElement.
        InvalidOperationException { InnerException: System.Text.DecoderFallbackException } => Of(
            StatusCodes.Status400BadRequest, ErrorTypes.InvalidRequest, "The request body holds text that is not valid UTF-8.", "invalid_json"),
        ObjectDisposedException => Of(StatusCodes.Status503ServiceUnavailable, ErrorTypes.Unavailable, "The server is shutting down.", "shutting_down"),
        MultimodalException e => Of(StatusCodes.Status500InternalServerError, ErrorTypes.Server, e.Message, e.Code, e.Param),
        _ => Of(StatusCodes.Status500InternalServerError, ErrorTypes.Server, "The server failed while answering this request; see its log.", "internal_error"),
    };

    /// <summary>An answer for a bare status code (an unknown route, a wrong method).</summary>
    public static ApiError ForStatus(int statusCode, HttpRequest request) => statusCode switch
    {
        StatusCodes.Status404NotFound => Of(statusCode, ErrorTypes.NotFound, $"There is no route {request.Method} {request.Path}.", "not_found"),
        StatusCodes.Status405MethodNotAllowed => Of(statusCode, ErrorTypes.InvalidRequest, $"{request.Path} does not accept {request.Method}.", "method_not_allowed"),
        _ => Of(statusCode, statusCode >= 500 ? ErrorTypes.Server : ErrorTypes.InvalidRequest,
            ReasonPhrases.GetReasonPhrase(statusCode), null),
    };

    public ErrorResponse Body => new() { Error = Detail };

    public async Task WriteAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCode;
        if (RetryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await response.WriteAsJsonAsync(Body, ServerJsonContext.Default.ErrorResponse, cancellationToken: cancellationToken);
    }

    private static ApiError Of(int status, string type, string message, string? code, string? param = null) =>
        new(status, MakeDetail(type, message, code, param));

    private static ErrorDetail MakeDetail(string type, string message, string? code, string? param) =>
        new() { Message = message, Type = type, Code = code, Param = param };
}
