using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace LocalMultimodal.Samples.AgentFramework;

/// <summary>A Microsoft Agent Framework <see cref="ChatClientAgent"/> that looks and listens through the local chat client.</summary>
public static class AgentFrameworkSample
{
    /// <summary>
    /// Three turns in one session: the image, the audio clip, then a text-only question about the clip that only the
    /// session's history can answer; returns the answers. On the demo model, a red image and a 440 Hz tone answer
    /// "red", "low" and "low".
    /// </summary>
    public static async Task<IReadOnlyList<string>> RunAsync(IChatClient chatClient, ReadOnlyMemory<byte> png, ReadOnlyMemory<byte> wav, CancellationToken cancellationToken = default)
    {
        var agent = new ChatClientAgent(chatClient, new ChatClientAgentOptions
        {
            Name = "Describer",
            ChatOptions = new ChatOptions
            {
                Instructions = "Answer in one word.",
                MaxOutputTokens = 24,
                Temperature = 0,
            },
        });

        // The session keeps the history, so later turns still see the image and the audio.
        var session = await agent.CreateSessionAsync(cancellationToken);
        var picture = await agent.RunAsync(
            new ChatMessage(ChatRole.User, [new TextContent("What colour is this picture?"), new DataContent(png, "image/png")]), session, cancellationToken: cancellationToken);
        var sound = await agent.RunAsync(
            new ChatMessage(ChatRole.User, [new TextContent("Is this sound high or low?"), new DataContent(wav, "audio/wav")]), session, cancellationToken: cancellationToken);
        var recalled = await agent.RunAsync("Without hearing it again: was the sound high or low?", session, cancellationToken: cancellationToken);
        return [picture.Text, sound.Text, recalled.Text];
    }

    /// <summary>
    /// An agent with the paint catalogue as an <see cref="AIFunction"/> tool: the model calls <c>find_paint</c> with the
    /// colour it sees, the agent invokes it and hands its result back, and the model answers. Returns the answer and
    /// the colours looked up; on the demo model, a red image gives "red" and one lookup of "red".
    /// </summary>
    public static async Task<(string Answer, IReadOnlyList<string> Lookups)> RunWithToolAsync(
        IChatClient chatClient, ReadOnlyMemory<byte> png, CancellationToken cancellationToken = default)
    {
        var catalogue = new PaintCatalogue();
        AIFunction findPaint = AIFunctionFactory.Create(
            ([System.ComponentModel.Description("The colour's name, such as red.")] string colour) => catalogue.FindPaint(colour),
            "find_paint",
            "Finds the paint in the catalogue that matches a colour.");
        var agent = new ChatClientAgent(chatClient, new ChatClientAgentOptions
        {
            Name = "PaintFinder",
            ChatOptions = new ChatOptions
            {
                Instructions = "Find the paint that matches the picture.",
                MaxOutputTokens = 64,
                Temperature = 0,
                Tools = [findPaint],
            },
        });

        var answer = await agent.RunAsync(
            new ChatMessage(ChatRole.User, [new TextContent("Which paint matches this picture?"), new DataContent(png, "image/png")]), cancellationToken: cancellationToken);
        return (answer.Text, catalogue.Lookups);
    }
}
