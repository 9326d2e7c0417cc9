using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace LocalMultimodal.Samples.AgentFramework;

/// <summary>A Microsoft Agent Framework <see cref="ChatClientAgent"/> that looks and listens through the local chat client.</summary>
public static class AgentFrameworkSample
{
    /// <summary>Three turns in one session: the image, the audio clip, then a question about both; returns the answers.</summary>
    public static async Task<IReadOnlyList<string>> RunAsync(IChatClient chatClient, ReadOnlyMemory<byte> png, ReadOnlyMemory<byte> wav, CancellationToken cancellationToken = default)
    {
        var agent = new ChatClientAgent(chatClient, new ChatClientAgentOptions
        {
            Name = "Describer",
            ChatOptions = new ChatOptions
            {
                Instructions = "You describe pictures and sounds in one sentence.",
                MaxOutputTokens = 24,
                Temperature = 0,
            },
        });

        // The session keeps the history, so later turns still see the image and the audio.
        var session = await agent.CreateSessionAsync(cancellationToken);
        var picture = await agent.RunAsync(
            new ChatMessage(ChatRole.User, [new TextContent("What is in this picture?"), new DataContent(png, "image/png")]), session, cancellationToken: cancellationToken);
        var sound = await agent.RunAsync(
            new ChatMessage(ChatRole.User, [new TextContent("And what do you hear?"), new DataContent(wav, "audio/wav")]), session, cancellationToken: cancellationToken);
        var both = await agent.RunAsync("Do the picture and the sound go together?", session, cancellationToken: cancellationToken);
        return [picture.Text, sound.Text, both.Text];
    }
}
