using System.Security.Cryptography;
using System.Text;
using LocalMultimodal.Server.Errors;
using LocalMultimodal.Server.Hosting;
using LocalMultimodal.Server.Protocol;

namespace LocalMultimodal.Server.Security;

/// <summary>With an API key set, every route but <c>/health</c> needs <c>Authorization: Bearer KEY</c>.</summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, ServerOptions options)
{
    // Hashing both sides first makes the compare constant-time in the length too.
    private readonly byte[]? _expected = options.ApiKey is { } key ? SHA256.HashData(Encoding.UTF8.GetBytes(key)) : null;

    public Task InvokeAsync(HttpContext context)
    {
        if (_expected is null || context.Request.Path.StartsWithSegments("/health") || IsAuthorized(context.Request))
        {
            return next(context);
        }

        var error = new ApiError(StatusCodes.Status401Unauthorized, new ErrorDetail
        {
            Message = "A valid API key is required: send it as 'Authorization: Bearer <key>'.",
            Type = ErrorTypes.Authentication,
            Code = "invalid_api_key",
        });
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return error.WriteAsync(context.Response, context.RequestAborted);
    }

    private bool IsAuthorized(HttpRequest request)
    {
        string header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        byte[] given = SHA256.HashData(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(given, _expected);
    }
}
