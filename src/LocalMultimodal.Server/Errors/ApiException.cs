namespace LocalMultimodal.Server.Errors;

/// <summary>An error the server itself raises, with the HTTP status and OpenAI error fields it answers with.</summary>
internal sealed class ApiException(int statusCode, string type, string message, string? code = null, string? param = null) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public string Type { get; } = type;

    public string? Code { get; } = code;

    public string? Param { get; } = param;

    public static ApiException BadRequest(string message, string? param = null, string code = "invalid_request") =>
        new(StatusCodes.Status400BadRequest, ErrorTypes.InvalidRequest, message, code, param);

    public static ApiException NotSupported(string message, string? param = null) =>
        new(StatusCodes.Status501NotImplemented, ErrorTypes.NotSupported, message, "not_supported", param);

    public static ApiException NotFound(string message, string code, string? param = null) =>
        new(StatusCodes.Status404NotFound, ErrorTypes.NotFound, message, code, param);

    public static ApiException Unavailable(string message, string code) =>
        new(StatusCodes.Status503ServiceUnavailable, ErrorTypes.Unavailable, message, code);
}
