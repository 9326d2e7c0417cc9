using System.Net;
using LocalMultimodal.Fetching;
using LocalMultimodal.Server.Endpoints;
using LocalMultimodal.Server.Errors;
using LocalMultimodal.Server.Hosting;
using LocalMultimodal.Server.Metrics;
using LocalMultimodal.Server.Security;
using LocalMultimodal.Server.WebUi;

namespace LocalMultimodal.Server;

/// <summary>Builds the web application from the parsed options.</summary>
internal static class ServerApp
{
    /// <param name="options">The parsed flags.</param>
    /// <param name="configureServices">Lets tests replace services (such as <see cref="LoadEngine"/>).</param>
    public static WebApplication Build(ServerOptions options, Action<IServiceCollection>? configureServices = null)
    {
        options.Fetch.Validate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBytes;
            kestrel.AddServerHeader = false;
        });
        string host = IPAddress.TryParse(options.Host, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{options.Host}]"
            : options.Host;
        builder.WebHost.UseUrls($"http://{host}:{options.Port}");

        // Running requests get this long after SIGTERM; Kestrel then aborts them, which cancels their sequences.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ServerOptions.DrainTimeout);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton<EngineHost>();
        services.AddSingleton<ServerMetrics>();
        services.AddSingleton<StartupBanner>();
        services.AddSingleton(_ => new MediaFetcher(options.Fetch));
        services.AddSingleton<MediaResolver>();
        services.AddSingleton<AnswerRunner>();
        services.AddSingleton<ChatCompletionsHandler>();
        services.AddSingleton<CompletionsHandler>();
        services.AddSingleton<LoadEngine>(sp => (engineOptions, ct) => MultimodalEngine.LoadAsync(engineOptions, sp.GetRequiredService<ILoggerFactory>(), ct));
        services.AddHostedService<EngineLoader>();
        configureServices?.Invoke(services);

        var app = builder.Build();
        app.UseMiddleware<OpenAIErrorMiddleware>();
        app.UseStatusCodePages(context => ApiError.ForStatus(context.HttpContext.Response.StatusCode, context.HttpContext.Request)
            .WriteAsync(context.HttpContext.Response, context.HttpContext.RequestAborted));
        app.UseWebUi(options);
        app.UseMiddleware<ApiKeyMiddleware>();
        app.MapOpenAIEndpoints();
        return app;
    }
}
