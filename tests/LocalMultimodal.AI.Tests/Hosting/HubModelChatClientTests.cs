using LocalMultimodal.Models;
using LocalMultimodal.Testing.Hub;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LocalMultimodal.AI.Tests.Hosting;

/// <summary>The chat client configured with a hub model (<c>Engine:ModelPath</c> = <c>owner/repo:quant</c>) fetches it through the engine.</summary>
public sealed class HubModelChatClientTests
{
    [Fact]
    public async Task ConfiguredWithAHubReference_DownloadsIntoTheCache_AndAnswers()
    {
        await using var hub = await StandInHub.StartAsync();
        using var folder = new TempFolder();
        var demo = DemoModel.EnsureWritten(folder.File("demo"));
        hub.PublishFile("localmm/colour-demo-GGUF", "colour-demo-Q8_0.gguf", demo.Llm);
        hub.PublishFile("localmm/colour-demo-GGUF", "mmproj-colour-demo-f16.gguf", demo.Projector);
        string cache = folder.File("hub-cache");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LocalMultimodal:Engine:ModelPath"] = "localmm/colour-demo-GGUF:Q8_0",
            ["LocalMultimodal:Engine:Hub:Endpoint"] = hub.Endpoint,
            ["LocalMultimodal:Engine:Hub:CacheDirectory"] = cache,
            ["LocalMultimodal:Engine:Hub:Offline"] = "false",
            ["LocalMultimodal:Engine:Threads"] = "2",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddLocalMultimodalChatClient(configuration.GetSection("LocalMultimodal"));
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IChatClient>();

        byte[] red = ColourImages.Png(8, 8, ColourImages.Solid(8, 8, 255, 0, 0));
        var response = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.User, [new TextContent("What colour is this?"), new DataContent(red, "image/png")])],
            new ChatOptions { Temperature = 0, MaxOutputTokens = 4 });

        Assert.Equal("red", response.Text);
        var engine = client.GetService<MultimodalEngine>()!;
        Assert.StartsWith(Path.Combine(cache, "models--localmm--colour-demo-GGUF", "snapshots"), engine.Options.ModelPath, StringComparison.Ordinal);
        Assert.EndsWith("mmproj-colour-demo-f16.gguf", engine.Options.ProjectorPath, StringComparison.Ordinal);
    }
}
