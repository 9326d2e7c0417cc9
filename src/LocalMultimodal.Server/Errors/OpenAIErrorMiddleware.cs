using LocalMultimodal.Server.Hosting;
using LocalMultimodal.Server.Metrics;

namespace LocalMultimodal.Server.Errors;

/// <summary>
/// The outermost middleware: turns any exception into an OpenAI error body with a fitting status, and counts
/// every request by its final status.
/// </summary>
internal sealed partial class OpenAIErrorMiddleware(RequestDelegate next, ServerOptions options, ServerMetrics metrics, ILogger<OpenAIErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left; there is nobody to answer. Its engine sequence was freed by the same token.
            LogClientLeft(context.Request.Path);
            context.Response.StatusCode = 499;
        }
        catch (Exception e)
        {
            var error = ApiError.From(e, options.MaxRequestBytes);
            if (error.StatusCode >= 500 && error.StatusCode != StatusCodes.Status503ServiceUnavailable)
            {
                LogFailed(e, context.Request.Method, context.Request.Path);
            }

            if (context.Response.HasStarted)
            {
                // Headers are gone; only a broken connection tells the client.
                context.Abort();
            }
            else
            {
                context.Response.Clear();
                await error.WriteAsync(context.Response, context.RequestAborted);
            }
        }
        finally
        {
            metrics.CountRequest(context.Response.StatusCode);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    private partial void LogFailed(Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The client left {Path} before the answer was complete")]
    private partial void LogClientLeft(string path);
}
