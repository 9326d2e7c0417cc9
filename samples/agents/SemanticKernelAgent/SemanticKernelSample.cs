using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using IChatClient = Microsoft.Extensions.AI.IChatClient;

namespace LocalMultimodal.Samples.SemanticKernel;

/// <summary>A Semantic Kernel <see cref="Kernel"/> that answers about an image and an audio clip through the local chat client.</summary>
public static class SemanticKernelSample
{
    /// <summary>
    /// Asks about the image, then about the audio clip, in one chat history; returns both answers. On the demo model,
    /// a red image and a 440 Hz tone answer "red" and "low".
    /// </summary>
    public static async Task<IReadOnlyList<string>> RunAsync(IChatClient chatClient, ReadOnlyMemory<byte> png, ReadOnlyMemory<byte> wav, CancellationToken cancellationToken = default)
    {
        // Semantic Kernel takes any IChatClient as its chat completion service.
        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton(chatClient.AsChatCompletionService());
        var kernel = builder.Build();
        var chat = kernel.GetRequiredService<IChatCompletionService>();
        var settings = new PromptExecutionSettings { ExtensionData = new Dictionary<string, object> { ["max_tokens"] = 24, ["temperature"] = 0 } };

        var history = new ChatHistory("Answer in one word.");
        history.AddUserMessage([new TextContent("What colour is this picture?"), new ImageContent(png, "image/png")]);
        var picture = await chat.GetChatMessageContentAsync(history, settings, kernel, cancellationToken);
        history.Add(picture);

        // AudioContent is still marked experimental in Semantic Kernel; it is the type SK maps to audio/* DataContent.
#pragma warning disable SKEXP0001
        history.AddUserMessage([new TextContent("Is this sound high or low?"), new AudioContent(wav, "audio/wav")]);
#pragma warning restore SKEXP0001
        var sound = await chat.GetChatMessageContentAsync(history, settings, kernel, cancellationToken);
        return [picture.Content ?? "", sound.Content ?? ""];
    }

    /// <summary>
    /// Asks which paint matches the picture, with the paint catalogue as a plugin and
    /// <see cref="FunctionChoiceBehavior.Auto"/>: the model calls <c>find_paint</c> with the colour it sees, Semantic
    /// Kernel invokes the function and hands its result back, and the model answers. Returns the answer and the
    /// colours the plugin was asked for; on the demo model, a red image gives "red" and one lookup of "red".
    /// </summary>
    public static async Task<(string Answer, IReadOnlyList<string> Lookups)> RunWithPluginAsync(
        IChatClient chatClient, ReadOnlyMemory<byte> png, CancellationToken cancellationToken = default)
    {
        var catalogue = new PaintCatalogue();
        var builder = Kernel.CreateBuilder();

        // Semantic Kernel invokes the functions a chat client's answer calls once its invocation layer is on the client.
        var invoking = new Microsoft.Extensions.AI.ChatClientBuilder(chatClient).UseKernelFunctionInvocation().Build();
        builder.Services.AddSingleton(invoking.AsChatCompletionService());
        builder.Plugins.AddFromObject(new PaintPlugin(catalogue), "paints");
        var kernel = builder.Build();
        var chat = kernel.GetRequiredService<IChatCompletionService>();
        var settings = new PromptExecutionSettings
        {
            FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(),
            ExtensionData = new Dictionary<string, object> { ["max_tokens"] = 64, ["temperature"] = 0 },
        };

        var history = new ChatHistory("Find the paint that matches the picture.");
        history.AddUserMessage([new TextContent("Which paint matches this picture?"), new ImageContent(png, "image/png")]);
        var answer = await chat.GetChatMessageContentAsync(history, settings, kernel, cancellationToken);
        return (answer.Content ?? "", catalogue.Lookups);
    }
}
