using LocalMultimodal.AI.Hosting;
using LocalMultimodal.AI.Tests.Fakes;
using LocalMultimodal.Errors;
using LocalMultimodal.Media;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LocalMultimodal.AI.Tests.Hosting;

[Collection(ModelsCollection.Name)]
public sealed class ServiceCollectionTests(ModelsFixture fixture)
{
    private readonly CollectingLoggerProvider _logs = new();

    [Fact]
    public async Task WithDelegate_TheModelLoadsOnce_OnTheFirstRequest()
    {
        await using var services = Build(s => s.AddLocalMultimodalChatClient(o =>
        {
            o.Engine = fixture.EngineOptions();
            o.LoadAtStartup = false;
        }));
        var client = services.GetRequiredService<IChatClient>();
        Assert.False(services.GetRequiredService<EngineHandle>().IsLoaded);

        await Task.WhenAll(AskAsync(client), AskAsync(client));
        await AskAsync(client);

        Assert.Single(_logs.Entries, e => e.EventId.Id == 2 && e.Message.StartsWith("Loaded model", StringComparison.Ordinal));
        Assert.Same(client.GetService<MultimodalEngine>(), client.GetService<MultimodalEngine>());
        Assert.Same(client, services.GetRequiredService<IChatClient>());
    }

    [Fact]
    public async Task WithConfiguration_BindsEngineFetchAndClientOptions()
    {
        var options = fixture.EngineOptions();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LocalMultimodal:Engine:ModelPath"] = options.ModelPath,
            ["LocalMultimodal:Engine:ProjectorPath"] = options.ProjectorPath,
            ["LocalMultimodal:Engine:Threads"] = "2",
            ["LocalMultimodal:Engine:ContextSize"] = "2048",
            ["LocalMultimodal:Engine:LimitPerPrompt:Image"] = "1",
            ["LocalMultimodal:Fetch:AllowedDomains:0"] = "images.example.com",
            ["LocalMultimodal:Fetch:ImageTimeout"] = "00:00:02",
            ["LocalMultimodal:LoadAtStartup"] = "false",
            ["LocalMultimodal:ModelId"] = "tiny",
        }).Build();

        await using var services = Build(s => s.AddLocalMultimodalChatClient(configuration.GetSection("LocalMultimodal")));
        var bound = services.GetRequiredService<IOptions<LocalMultimodalChatClientOptions>>().Value;
        var client = services.GetRequiredService<IChatClient>();

        Assert.Equal(2048, bound.Engine.ContextSize);
        Assert.Equal(1, bound.Engine.LimitPerPrompt[MediaModality.Image]);
        Assert.Equal(["images.example.com"], bound.Fetch.AllowedDomains);
        Assert.Equal(TimeSpan.FromSeconds(2), bound.Fetch.ImageTimeout);
        Assert.Equal("tiny", client.GetService<ChatClientMetadata>()?.DefaultModelId);
        Assert.Equal(2048, client.GetService<EngineCapabilities>()?.ContextSize);
        var twoImages = new ChatMessage(ChatRole.User, [new DataContent(ColourImages.GradientPng(), "image/png"), new DataContent(ColourImages.GradientPng(shift: 9), "image/png")]);
        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => client.GetResponseAsync([twoImages], new ChatOptions { ModelId = "tiny" }));
        Assert.Equal("too_many_media", error.Code);
    }

    [Fact]
    public async Task MissingModelFile_FailsAtStartUp_NamingTheFile()
    {
        string missing = Path.Combine(Path.GetTempPath(), $"no-such-model-{Guid.NewGuid():N}.gguf");
        await using var services = Build(s => s.AddLocalMultimodalChatClient(o => o.Engine.ModelPath = missing));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(missing, error.Message);
        Assert.Contains("does not exist", error.Message);
        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IChatClient>());
    }

    [Fact]
    public async Task MissingProjectorAndBadEngineOptions_AreAllReported()
    {
        await using var services = Build(s => s.AddLocalMultimodalChatClient(o =>
        {
            o.Engine = fixture.EngineOptions();
            o.Engine.ProjectorPath = "/no/such/mmproj.gguf";
            o.Engine.ContextSize = 8;
        }));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("/no/such/mmproj.gguf", error.Message);
        Assert.Contains("ContextSize", error.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task HostStart_LoadsTheModel_OnlyWhenLoadAtStartup(bool loadAtStartup)
    {
        await using var services = Build(s => s.AddLocalMultimodalChatClient(o =>
        {
            o.Engine = fixture.EngineOptions();
            o.LoadAtStartup = loadAtStartup;
        }));

        services.GetRequiredService<IStartupValidator>().Validate();
        foreach (var hosted in services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        Assert.Equal(loadAtStartup, services.GetRequiredService<EngineHandle>().IsLoaded);
    }

    [Fact]
    public async Task Builder_ChainsFunctionInvocationAndLogging()
    {
        await using var services = Build(s => s.AddLocalMultimodalChatClient(o => o.Engine = fixture.EngineOptions())
            .UseFunctionInvocation()
            .UseLogging());
        var client = services.GetRequiredService<IChatClient>();

        var response = await AskAsync(client);

        Assert.NotEmpty(response.Text);
        Assert.NotNull(client.GetService<FunctionInvokingChatClient>());
        Assert.NotNull(client.GetService<LoggingChatClient>());
        Assert.NotNull(client.GetService<MultimodalEngine>());
        Assert.Contains(_logs.Entries, e => e.Category.EndsWith(nameof(LoggingChatClient), StringComparison.Ordinal));
    }

    [Fact]
    public async Task DisposingTheContainer_DisposesTheEngineHandle()
    {
        var services = Build(s => s.AddLocalMultimodalChatClient(o => o.Engine = fixture.EngineOptions()));
        var client = services.GetRequiredService<IChatClient>();
        var handle = services.GetRequiredService<EngineHandle>();
        await AskAsync(client);

        await services.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => handle.GetAsync(CancellationToken.None).AsTask());
    }

    private static Task<ChatResponse> AskAsync(IChatClient client) =>
        client.GetResponseAsync([new ChatMessage(ChatRole.User, [new TextContent("What is this?"), new DataContent(ColourImages.GradientPng(), "image/png")])],
            new ChatOptions { Temperature = 0, MaxOutputTokens = 4 });

    private ServiceProvider Build(Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
        register(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
