using Microsoft.Extensions.AI;

namespace LocalMultimodal.AI.Tests.Integration;

[Collection(ModelsCollection.Name)]
public sealed class ImageChatTests(ModelsFixture fixture)
{
    [Fact]
    public async Task DataContentImage_IsAnsweredWithImageTokensInUsage()
    {
        using var client = fixture.Engine.AsIChatClient();
        ChatMessage question = new(ChatRole.User, [new TextContent("What is in this picture?"), new DataContent(TestMedia.Png(), "image/png")]);

        var response = await client.GetResponseAsync([question], new ChatOptions { Temperature = 0, MaxOutputTokens = 8 });

        Assert.NotEmpty(response.Text);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal(8, response.Usage?.OutputTokenCount);
        Assert.Equal(16, response.Usage?.AdditionalCounts?[LocalMultimodalUsageKeys.InputImageTokens]);
    }
}
