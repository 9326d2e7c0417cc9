using System.Text.Json.Nodes;
using LocalMultimodal.Server.Tests.Infrastructure;
using static LocalMultimodal.Server.Tests.Infrastructure.Api;

namespace LocalMultimodal.Server.Tests.InProcess;

/// <summary><c>mm_processor_kwargs</c> on a fixed-size projector (the shared server's gemma3-style vision): the budget changes nothing.</summary>
[Collection(SharedServerCollection.Name)]
public sealed class PixelBudgetFixedSizeTests(SharedServerFixture fixture)
{
    [Fact]
    public async Task A_fixed_size_projector_answers_the_same_with_a_budget()
    {
        string picture = DataUrls.Png(ColourImages.GradientPng(160, 160));

        var plain = await (await fixture.Client.PostChatAsync(Chat(ImageUrl(picture)))).AssertAnswerAsync();
        var budgeted = await (await fixture.Client.PostChatAsync(Chat(ImageUrl(picture)).With("mm_processor_kwargs", new JsonObject { ["max_pixels"] = 1024, ["min_pixels"] = 512 }))).AssertAnswerAsync();

        Assert.Equal((int)plain["usage"]!["prompt_tokens_details"]!["image_tokens"]!, (int)budgeted["usage"]!["prompt_tokens_details"]!["image_tokens"]!);
        Assert.Equal((int)plain["usage"]!["prompt_tokens"]!, (int)budgeted["usage"]!["prompt_tokens"]!);
        Assert.Equal((string?)plain["choices"]![0]!["message"]!["content"], (string?)budgeted["choices"]![0]!["message"]!["content"]);
    }
}
