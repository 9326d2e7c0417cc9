using System.Diagnostics;
using LocalMultimodal;
using LocalMultimodal.AI;
using LocalMultimodal.AI.Hosting;
using LocalMultimodal.Fetching;
using LocalMultimodal.Hosting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the local multimodal <see cref="IChatClient"/>.</summary>
public static class LocalMultimodalServiceCollectionExtensions
{
    /// <summary>
    /// Registers an <see cref="IChatClient"/> over a local multimodal model. The options are validated at start-up;
    /// the model loads once, when the host starts or on the first request (<see cref="LocalMultimodalChatClientOptions.LoadAtStartup"/>).
    /// </summary>
    /// <returns>The builder, to add <c>UseLogging()</c>, <c>UseOpenTelemetry()</c>, <c>UseFunctionInvocation()</c> and the like.</returns>
    public static ChatClientBuilder AddLocalMultimodalChatClient(this IServiceCollection services, Action<LocalMultimodalChatClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<LocalMultimodalChatClientOptions>().Configure(configure).ValidateOnStart();
        return AddCore(services);
    }

    /// <summary>
    /// Registers an <see cref="IChatClient"/> over a local multimodal model, with options bound from a configuration
    /// section shaped like <see cref="LocalMultimodalChatClientOptions"/> (<c>Engine:ModelPath</c>, <c>Fetch:AllowedDomains</c>, ...).
    /// </summary>
    /// <returns>The builder, to add <c>UseLogging()</c>, <c>UseOpenTelemetry()</c>, <c>UseFunctionInvocation()</c> and the like.</returns>
    public static ChatClientBuilder AddLocalMultimodalChatClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LocalMultimodalChatClientOptions>().Bind(configuration).ValidateOnStart();
        return AddCore(services);
    }

    private static ChatClientBuilder AddCore(IServiceCollection services)
    {
        services.PostConfigure<LocalMultimodalChatClientOptions>(o =>
        {
            o.Fetch?.ApplyEnvironment(Environment.GetEnvironmentVariable);
            o.ApplyDemoModel();
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LocalMultimodalChatClientOptions>, LocalMultimodalChatClientOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, EngineStartupService>());
        services.TryAddSingleton(sp => new EngineLifetime(ct => LoadAsync(sp, ct)));
        return services.AddChatClient(sp =>
        {
            var options = sp.GetRequiredService<IOptions<LocalMultimodalChatClientOptions>>().Value;
            return new LocalMultimodalChatClient(
                sp.GetRequiredService<EngineLifetime>(),
                new MediaFetcher(options.Fetch),
                options.ResolveModelId(),
                LoggerFactoryOf(sp).CreateLogger<IChatClient>());
        });
    }

    private static async Task<MultimodalEngine> LoadAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<IOptions<LocalMultimodalChatClientOptions>>().Value;
        var loggerFactory = LoggerFactoryOf(services);
        var logger = loggerFactory.CreateLogger<IChatClient>();
        Log.ModelLoading(logger, options.Engine.ModelPath, options.Engine.ProjectorPath);
        long started = Stopwatch.GetTimestamp();
        var engine = await MultimodalEngine.LoadAsync(options.Engine, loggerFactory, cancellationToken).ConfigureAwait(false);
        Log.ModelLoaded(logger, engine.Capabilities.ModelName, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return engine;
    }

    private static ILoggerFactory LoggerFactoryOf(IServiceProvider services) =>
        services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
}
