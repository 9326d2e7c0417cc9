using System.Net;
using LocalMultimodal.Fetching;
using LocalMultimodal.Server.Endpoints;
using LocalMultimodal.Server.Errors;
using LocalMultimodal.Server.Hosting;
using LocalMultimodal.Server.Metrics;
using LocalMultimodal.Server.Security;
using LocalMultimodal.Server.WebUi;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

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
        builder.Logging.AddFilter(HubModelSource.LogCategory, LogLevel.Warning); // downloads show on the console

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
        services.AddHealthChecks().AddCheck<EngineReadyCheck>("engine", tags: [EngineReadyCheck.Tag]);
        AddTelemetry(services);
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

    /// <summary>
    /// Metrics on Prometheus at <c>/metrics</c>; metrics and traces over OTLP when the standard
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or a signal's own endpoint variable) is set.
    /// </summary>
    private static void AddTelemetry(IServiceCollection services)
    {
        bool otlp = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"));
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("localmm", serviceVersion: typeof(ServerApp).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ServerMetrics.MeterName).AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                if (otlp || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT")))
                {
                    metrics.AddOtlpExporter();
                }
            })
            .WithTracing(tracing =>
            {
                // ASP.NET Core's request span is the root (and carries an incoming traceparent); ours and the engine's nest under it.
                tracing.AddSource("Microsoft.AspNetCore", ServerMetrics.MeterName, EngineTelemetry.ActivitySourceName);
                if (otlp || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")))
                {
                    tracing.AddOtlpExporter();
                }
            });
    }
}
