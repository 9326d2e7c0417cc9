using System.Text.Json;
using Json.Schema;
using LocalMultimodal.Samples.TypedOutput;
using Microsoft.Extensions.AI;

namespace LocalMultimodal.AI.Tests.StructuredOutput;

/// <summary>
/// <see cref="ChatResponseFormat"/> on the chat client with the demo model: JSON answers that parse, hold to their
/// schema, and carry the colour the model sees.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class StructuredOutputChatTests(DemoModelFixture demo) : IDisposable
{
    private readonly IChatClient _client = demo.Engine.AsIChatClient();

    public void Dispose() => _client.Dispose();

    [Theory]
    [InlineData(0, 0, 255, ColourName.Blue)]
    [InlineData(255, 0, 0, ColourName.Red)]
    [InlineData(0, 255, 0, ColourName.Green)]
    [InlineData(255, 255, 0, ColourName.Yellow)]
    public async Task GetResponseAsyncOfColourReport_CarriesTheColourSeen(byte r, byte g, byte b, ColourName expected)
    {
        var response = await _client.GetResponseAsync<ColourReport>(
            [new ChatMessage(ChatRole.User, [new TextContent("What colour is this?"), Png(r, g, b)])],
            new ChatOptions { Temperature = 0, MaxOutputTokens = 64 });

        Assert.True(ChatFinishReason.Stop == response.FinishReason, response.Text);
        Assert.True(expected == response.Result.Colour, response.Text);
    }

    [Fact]
    public async Task JsonFormat_AnswersAJsonObject()
    {
        for (int seed = 1; seed <= 5; seed++)
        {
            var response = await _client.GetResponseAsync(
                [new ChatMessage(ChatRole.User, [new TextContent("Describe it."), Png(0, 0, 255)])],
                new ChatOptions { ResponseFormat = ChatResponseFormat.Json, Temperature = 1, Seed = seed, MaxOutputTokens = 200 });

            if (response.FinishReason == ChatFinishReason.Stop)
            {
                using var json = JsonDocument.Parse(response.Text);
                Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
            }
        }
    }

    [Fact]
    public async Task JsonSchemaFormat_AnswerValidatesAgainstTheSchema()
    {
        const string schemaText = """
            {"type":"object","properties":{"colour":{"type":"string","enum":["red","green","blue"]},"shade":{"type":"string","maxLength":8},"count":{"type":"integer"}},"required":["colour","count"],"additionalProperties":false}
            """;
        using var schema = JsonDocument.Parse(schemaText);

        var response = await _client.GetResponseAsync(
            [new ChatMessage(ChatRole.User, [new TextContent("Describe it."), Png(0, 255, 0)])],
            new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema.RootElement, "report"), Temperature = 0, MaxOutputTokens = 100 });

        using var answer = JsonDocument.Parse(response.Text);
        Assert.True(JsonSchema.FromText(schemaText).Evaluate(answer.RootElement).IsValid, response.Text);
        Assert.Equal("green", answer.RootElement.GetProperty("colour").GetString());
    }

    private static DataContent Png(byte r, byte g, byte b) => new(ColourImages.Png(64, 64, ColourImages.Solid(64, 64, r, g, b)), "image/png");
}
