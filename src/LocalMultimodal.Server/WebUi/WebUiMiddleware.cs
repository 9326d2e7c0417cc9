namespace LocalMultimodal.Server.WebUi;

/// <summary>
/// Serves the chat page at <c>/</c> and its files below <c>/webui/</c> (GET and HEAD only), before the API key check:
/// the page holds nothing secret, and every API call it makes carries the key like any other client's.
/// Every other request passes on untouched.
/// </summary>
internal sealed class WebUiMiddleware(RequestDelegate next)
{
    /// <summary>
    /// Scripts, styles and fetches from this server only, no inline code, media previews from the page's own blobs,
    /// and no framing: model output can never run as code even if a rendering bug let markup through.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; media-src 'self' blob: data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || !WebUiAssets.ByPath.TryGetValue(request.Path.Value ?? "", out var asset))
        {
            return next(context);
        }

        var response = context.Response;
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        headers.ETag = asset.ETag;
        if (request.Headers.IfNoneMatch.Contains(asset.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Content.Length;
        return HttpMethods.IsHead(request.Method)
            ? Task.CompletedTask
            : response.Body.WriteAsync(asset.Content, context.RequestAborted).AsTask();
    }
}
