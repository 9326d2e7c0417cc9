using LocalMultimodal.Generation;
using LocalMultimodal.Media;
using LocalMultimodal.Prompts;
using LocalMultimodal.Sampling;
using LocalMultimodal.Tests.Colour;
using LocalMultimodal.Tests.Models;

namespace LocalMultimodal.Tests.Engine;

/// <summary>The README's engine example, line for line; only the file paths are variables, pointing at the colour demo model.</summary>
[Collection(NativeModelsCollection.Name)]
public sealed class ReadmeEngineSnippetTests(ColourModelsFixture fixture)
{
    [Fact]
    public async Task EngineSnippet_AnswersAboutAnImage_ByChatAndByRawPrompt()
    {
        using var folder = new TempFolder();
        string modelPath = fixture.Llm;
        string projectorPath = fixture.Projector("combined");
        string catPath = folder.File("cat.png");
        File.WriteAllBytes(catPath, ColourImages.Png(64, 64, ColourImages.Solid(64, 64, 255, 0, 0)));
        var output = new StringWriter();
        Console.SetOut(output);

        // --- snippet starts ---
        await using var engine = await MultimodalEngine.LoadAsync(new EngineOptions
        {
            ModelPath = modelPath,
            ProjectorPath = projectorPath,
        });

        // A conversation, rendered with the model's own chat template; text and media interleave freely.
        var image = ImageInput.FromEncoded(await File.ReadAllBytesAsync(catPath));
        await foreach (var update in engine.ChatAsync([new ChatTurn("user", image, "What is in this picture?")], SamplingOptions.Greedy(maxTokens: 64)))
        {
            Console.Write(update.Text);
            if (update.Usage is { } usage)
            {
                Console.WriteLine($"\n[{update.FinishReason}] prompt {usage.PromptTokens} (image {usage.ImageTokens}), completion {usage.CompletionTokens}");
            }
        }

        // A raw prompt with media markers, like vLLM's LLM.generate with multi_modal_data.
        var prompt = new MultimodalPrompt(
            $"<start_of_turn>user\n{MultimodalPrompt.MediaMarker}Describe this.<end_of_turn>\n<start_of_turn>model\n", image);
        GenerationResult result = await engine.GenerateAsync(prompt, new SamplingOptions { Temperature = 0, MaxTokens = 64 }).CollectAsync();
        // --- snippet ends ---

        Console.SetOut(new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true });
        Assert.StartsWith("red\n[Stop] prompt ", output.ToString());
        Assert.Contains("(image 16), completion 2", output.ToString());
        Assert.Equal("red", result.Text);
    }
}
