using LocalMultimodal.Errors;
using LocalMultimodal.Models;
using Microsoft.Extensions.AI;

namespace LocalMultimodal.AI.Tests.Integration;

/// <summary>
/// <c>max_pixels</c> / <c>min_pixels</c> in <see cref="ChatOptions.AdditionalProperties"/>: on the generated Qwen2.5-VL
/// pair (one token per 16×16 pixels) a 160×160 image's tokens follow the Qwen2-VL <c>smart_resize</c> rule; the omni
/// model's fixed-size projector ignores them.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class PixelBudgetChatTests(ModelsFixture fixture) : IAsyncLifetime
{
    private static readonly byte[] Picture = ColourImages.GradientPng(160, 160);

    private MultimodalEngine? _qwen;
    private IChatClient? _client;

    private IChatClient Client => _client!;

    public async Task InitializeAsync()
    {
        var options = fixture.EngineOptions();
        options.ModelPath = fixture.Models.LlmFor(ProjectorKind.Qwen25VL);
        options.ProjectorPath = fixture.Models.Projector(ProjectorKind.Qwen25VL);
        _qwen = await MultimodalEngine.LoadAsync(options);
        _client = _qwen.AsIChatClient();
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_qwen is not null)
        {
            await _qwen.DisposeAsync();
        }
    }

    // max 16384: 128x128, 8x8 tokens. max 10000: 96x96, 6x6. min 40000: 208x208, 13x13.
    [Theory]
    [InlineData(null, null, 100)]
    [InlineData(null, 16384, 64)]
    [InlineData(null, 10000L, 36)]
    [InlineData(40000, null, 169)]
    public async Task Image_tokens_follow_the_budget(object? minPixels, object? maxPixels, long expected)
    {
        var response = await AskAsync(Client, new DataContent(Picture, "image/png"), minPixels, maxPixels);

        Assert.Equal(expected, ImageTokens(response));
    }

    [Fact]
    public async Task The_same_image_under_two_budgets_is_not_served_the_first_encoding()
    {
        var large = await AskAsync(Client, new DataContent(Picture, "image/png").WithMediaUuid("chat-photo"), null, 16384);
        var small = await AskAsync(Client, new DataContent(Picture, "image/png").WithMediaUuid("chat-photo"), null, 10000);
        var byReference = await AskAsync(Client, MediaReferenceContent.Image("chat-photo"), null, 16384);

        Assert.Equal((64L, 36L, 64L), (ImageTokens(large), ImageTokens(small), ImageTokens(byReference)));
    }

    [Theory]
    [InlineData("lots", null, "min_pixels")]
    [InlineData(null, 0, "max_pixels")]
    [InlineData(50000, 20000, "min_pixels")]
    [InlineData(null, 100, "max_pixels")]
    public async Task A_budget_that_cannot_be_met_is_refused_naming_the_key(object? minPixels, object? maxPixels, string key)
    {
        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => AskAsync(Client, new DataContent(Picture, "image/png"), minPixels, maxPixels));

        Assert.Equal(key, error.Param);
        Assert.Contains(key, error.Message);
    }

    [Fact]
    public async Task A_fixed_size_projector_ignores_the_budget()
    {
        using var omni = fixture.Engine.AsIChatClient();

        var plain = await AskAsync(omni, new DataContent(Picture, "image/png"), null, null);
        var budgeted = await AskAsync(omni, new DataContent(Picture, "image/png"), 512, 1024);

        Assert.Equal(ImageTokens(plain), ImageTokens(budgeted));
        Assert.Equal(plain.Text, budgeted.Text);
    }

    private static Task<ChatResponse> AskAsync(IChatClient client, AIContent image, object? minPixels, object? maxPixels)
    {
        var options = new ChatOptions { MaxOutputTokens = 1, Temperature = 0, AdditionalProperties = [] };
        if (minPixels is not null)
        {
            options.AdditionalProperties[LocalMultimodalPropertyNames.MinPixels] = minPixels;
        }

        if (maxPixels is not null)
        {
            options.AdditionalProperties[LocalMultimodalPropertyNames.MaxPixels] = maxPixels;
        }

        return client.GetResponseAsync([new ChatMessage(ChatRole.User, [image, new TextContent("describe")])], options);
    }

    private static long ImageTokens(ChatResponse response) => response.Usage!.AdditionalCounts![LocalMultimodalUsageKeys.InputImageTokens];
}
