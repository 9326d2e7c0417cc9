using Microsoft.Extensions.AI;

namespace LocalMultimodal.AI.Tests.MediaKinds;

/// <summary>Asks the demo model about some content and reads its one-word answer and image token count.</summary>
internal static class DemoAnswers
{
    public static async Task<(string Text, long ImageTokens)> AskAsync(this IChatClient client, params AIContent[] contents)
    {
        var response = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.User, [.. contents, new TextContent("What is this?")])],
            new ChatOptions { Temperature = 0, MaxOutputTokens = 5 });
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        return (response.Text, response.Usage!.AdditionalCounts![LocalMultimodalUsageKeys.InputImageTokens]);
    }
}
