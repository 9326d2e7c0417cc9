using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace LocalMultimodal.AI.Tests.Hosting;

/// <summary>
/// The README's "In a .NET app" snippet, line for line; only the file paths are variables here, pointing at the
/// generated model and at media written for the test.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class ReadmeSnippetTests(ModelsFixture fixture)
{
    [Fact]
    public async Task InADotNetApp_SnippetAnswersAboutAnImageAndAClip()
    {
        using var folder = new TempFolder();
        string modelPath = fixture.Models.Llm;
        string projectorPath = fixture.Models.Projector(Models.ProjectorKind.Omni);
        string photoPath = folder.Write("photo.png", ColourImages.GradientPng());
        string clipPath = folder.Write("clip.wav", Wavs.Tone(440, Tones.SpeechSampleRate, channels: 1));

        // --- snippet starts ---
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLocalMultimodalChatClient(options =>
            {
                options.Engine.ModelPath = modelPath;
                options.Engine.ProjectorPath = projectorPath;
                options.Fetch.AllowedDomains = ["images.example.com"];
            })
            .UseLogging();

        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IChatClient>();

        var response = await client.GetResponseAsync(
            [
                new ChatMessage(ChatRole.User,
                [
                    new TextContent("What is in this picture, and what do you hear?"),
                    new DataContent(File.ReadAllBytes(photoPath), "image/png").WithMediaUuid("photo-1"),
                    new DataContent(File.ReadAllBytes(clipPath), "audio/wav"),
                ]),
            ],
            new ChatOptions { MaxOutputTokens = 64, Temperature = 0.2f });

        Console.WriteLine(response.Text);
        Console.WriteLine($"Image tokens: {response.Usage?.AdditionalCounts?[LocalMultimodalUsageKeys.InputImageTokens]}");
        // --- snippet ends ---

        Assert.NotEmpty(response.Text);
        Assert.Equal(16, response.Usage?.AdditionalCounts?[LocalMultimodalUsageKeys.InputImageTokens]);
        Assert.True(response.Usage?.AdditionalCounts?[LocalMultimodalUsageKeys.InputAudioTokens] > 0);
    }
}
