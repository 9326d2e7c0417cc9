using LocalMultimodal.Models;
using Microsoft.Extensions.AI;

namespace LocalMultimodal.AI.Tests;

/// <summary>
/// Writes the built-in demo model (<see cref="DemoModel"/>) once per run and loads one shared engine on it. The
/// model names an image's mean colour and hears whether audio is silence, low or high, so tests assert answers.
/// </summary>
public sealed class DemoModelFixture : IAsyncLifetime
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("lmm-ai-demo-");

    public DemoModelFiles Files { get; private set; } = null!;

    public MultimodalEngine Engine { get; private set; } = null!;

    /// <summary>Options for the demo model with pinned threads.</summary>
    public EngineOptions EngineOptions() => new()
    {
        ModelPath = Files.Llm,
        ProjectorPath = Files.Projector,
        ContextSize = 4096,
        Threads = 2,
        MaxConcurrentSequences = 2,
    };

    /// <summary>
    /// Asks greedily and returns the answer word. The model ends its turn right after the word, so the finish
    /// reason must be Stop.
    /// </summary>
    public static async Task<string> AskAsync(IChatClient client, string question, params AIContent[] media)
    {
        var response = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.User, [new TextContent(question), .. media])],
            new ChatOptions { Temperature = 0, MaxOutputTokens = 4 });
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        return response.Text;
    }

    public async Task InitializeAsync()
    {
        Files = DemoModel.EnsureWritten(_folder.FullName);
        Engine = await MultimodalEngine.LoadAsync(EngineOptions());
    }

    public async Task DisposeAsync()
    {
        await Engine.DisposeAsync();
        _folder.Delete(recursive: true);
    }
}
