using LocalMultimodal.Media;
using LocalMultimodal.Models;
using LocalMultimodal.Testing.Conformance;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LocalMultimodal.AI.Tests.Colour;

/// <summary>
/// The shared colour suite through the <see cref="IChatClient"/> registered with <c>DemoModel: Qwen25VL</c> (from
/// configuration, as an app would): the demo model in the Qwen2.5-VL layout.
/// </summary>
public sealed class ChatClientQwenColourConformanceTests(ChatClientQwenColourConformanceTests.Provider shared) : ColourConformanceTests, IClassFixture<ChatClientQwenColourConformanceTests.Provider>
{
    protected override bool Letterboxes => false;

    protected override Task<SurfaceAnswer> AskAsync(string question, params SurfaceMedia[] media) =>
        ChatClientColourConformanceTests.AskAsync(shared.Services.GetRequiredService<IChatClient>(), question, media);

    protected override async Task<SurfaceAnswer> AskOverABlackBackgroundAsync(string question, SurfaceMedia media)
    {
        await using var provider = Start(shared.Folder, background: RgbColor.Black);
        return await ChatClientColourConformanceTests.AskAsync(provider.GetRequiredService<IChatClient>(), question, [media]);
    }

    private static ServiceProvider Start(string folder, RgbColor? background)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LocalMultimodal:DemoModel"] = nameof(DemoModelLayout.Qwen25VL),
            ["LocalMultimodal:DemoModelFolder"] = folder,
            ["LocalMultimodal:Engine:Threads"] = "2",
            ["LocalMultimodal:Engine:ContextSize"] = "4096",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddLocalMultimodalChatClient(configuration.GetSection("LocalMultimodal"));
        if (background is { } colour)
        {
            services.PostConfigure<LocalMultimodalChatClientOptions>(o => o.Engine.Media.Image.RgbaBackgroundColor = colour);
        }

        var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IChatClient>();
        Assert.Equal(DemoModel.Name, client.GetService<ChatClientMetadata>()!.DefaultModelId);
        return provider;
    }

    /// <summary>One service provider (one engine) shared by the class's tests.</summary>
    public sealed class Provider : IAsyncLifetime
    {
        private readonly TempFolder _folder = new();

        public string Folder => _folder.Path;

        public ServiceProvider Services { get; private set; } = null!;

        public Task InitializeAsync()
        {
            Services = Start(_folder.Path, background: null);
            return Task.CompletedTask;
        }

        public async Task DisposeAsync()
        {
            // The engine behind the client disposes asynchronously only.
            await Services.DisposeAsync();
            _folder.Dispose();
        }
    }
}
