using Microsoft.Extensions.AI;

namespace LocalMultimodal.Samples.TypedOutput;

/// <summary>
/// <c>GetResponseAsync&lt;T&gt;</c> on the local chat client: the schema of <see cref="ColourReport"/> becomes a
/// grammar, so the answer is JSON that deserializes, whatever the model.
/// </summary>
public static class TypedOutputSample
{
    /// <summary>Asks for the picture's colour as a <see cref="ColourReport"/>; on the demo model a red square gives Red.</summary>
    public static async Task<ColourReport> RunAsync(IChatClient chatClient, ReadOnlyMemory<byte> png, CancellationToken cancellationToken = default)
    {
        var response = await chatClient.GetResponseAsync<ColourReport>(
            [new ChatMessage(ChatRole.User, [new TextContent("What colour is this picture?"), new DataContent(png, "image/png")])],
            new ChatOptions { Temperature = 0, MaxOutputTokens = 64 },
            cancellationToken: cancellationToken);
        return response.Result;
    }
}
