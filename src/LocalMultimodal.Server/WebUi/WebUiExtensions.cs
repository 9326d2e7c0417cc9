using LocalMultimodal.Server.Hosting;

namespace LocalMultimodal.Server.WebUi;

/// <summary>Adds the chat page to the server's pipeline.</summary>
internal static class WebUiExtensions
{
    /// <summary>Serves the page unless <c>--no-webui</c> turned it off; call before the API key check.</summary>
    public static IApplicationBuilder UseWebUi(this IApplicationBuilder app, ServerOptions options) =>
        options.WebUi ? app.UseMiddleware<WebUiMiddleware>() : app;
}
