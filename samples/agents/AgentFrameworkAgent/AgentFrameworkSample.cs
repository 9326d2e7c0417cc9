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
}
