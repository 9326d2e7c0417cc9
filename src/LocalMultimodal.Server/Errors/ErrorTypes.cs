namespace LocalMultimodal.Server.Errors;

/// <summary>The <c>type</c> values of error bodies, as OpenAI names them where OpenAI has a name.</summary>
internal static class ErrorTypes
{
    public const string InvalidRequest = "invalid_request_error";
    public const string Authentication = "authentication_error";
    public const string NotFound = "not_found_error";
    public const string RateLimit = "rate_limit_error";
    public const string NotSupported = "not_supported_error";
    public const string Unavailable = "service_unavailable_error";
    public const string Server = "server_error";
}
