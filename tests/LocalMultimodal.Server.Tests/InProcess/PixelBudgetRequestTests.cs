using System.Net;
using System.Text.Json.Nodes;
using LocalMultimodal.Server.Tests.Infrastructure;
using static LocalMultimodal.Server.Tests.Infrastructure.Api;

namespace LocalMultimodal.Server.Tests.InProcess;

/// <summary>
/// <c>mm_processor_kwargs</c> (<c>max_pixels</c>, <c>min_pixels</c>) on a Qwen2.5-VL server: a 160×160 image is
/// 100 tokens, resized by the Qwen2-VL <c>smart_resize</c> rule into the request's budget (16×16 pixels a token).
/// </summary>
public sealed class PixelBudgetRequestTests(QwenServerFixture fixture) : IClassFixture<QwenServerFixture>
{
    private static readonly string Picture = DataUrls.Png(ColourImages.GradientPng(160, 160));

    // max 16384: beta = 1.25, 128x128, 8x8 tokens. max 10000: beta = 1.6, 96x96, 6x6. min 40000: 208x208, 13x13.
    [Theory]
    [InlineData(null, null, 100)]
    [InlineData(null, 16384, 64)]
    [InlineData(null, 10000, 36)]
    [InlineData(40000, null, 169)]
    [InlineData(3136, 200704, 100)]
    public async Task Image_tokens_follow_max_pixels_and_min_pixels(int? minPixels, int? maxPixels, int expected)
    {
        var response = await fixture.Client.PostChatAsync(Request(ImageUrl(Picture), minPixels, maxPixels));

        Assert.Equal(expected, await ImageTokensAsync(response));
    }

    [Fact]
    public async Task The_same_image_with_two_budgets_is_not_served_the_first_encoding()
    {
        var first = await ImageTokensAsync(await fixture.Client.PostChatAsync(Request(ImageUrl(Picture, "budget-photo"), null, 16384)));
        var second = await ImageTokensAsync(await fixture.Client.PostChatAsync(Request(ImageUrl(Picture, "budget-photo"), null, 10000)));
        var byReference = await ImageTokensAsync(await fixture.Client.PostChatAsync(Request(Part("image_url", null, "budget-photo"), null, 16384)));

        Assert.Equal((64, 36, 64), (first, second, byReference));
    }

    [Theory]
    [InlineData("""{"max_pixels":10000,"min_pixels":20000}""", "mm_processor_kwargs.min_pixels")]
    [InlineData("""{"max_pixels":0}""", "mm_processor_kwargs.max_pixels")]
    [InlineData("""{"max_pixels":"10000"}""", "mm_processor_kwargs.max_pixels")]
    [InlineData("""{"min_pixels":1.5}""", "mm_processor_kwargs.min_pixels")]
    [InlineData("""{"max_pixels":10000,"fps":2}""", "mm_processor_kwargs.fps")]
    [InlineData("""[1]""", "mm_processor_kwargs")]
    public async Task A_bad_budget_is_a_400_naming_the_field(string kwargs, string field)
    {
        var request = Chat(ImageUrl(Picture)).With("model", null).With("mm_processor_kwargs", JsonNode.Parse(kwargs));

        await (await fixture.Client.PostChatAsync(request)).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_mm_processor_kwargs", field);
    }

    [Fact]
    public async Task A_budget_below_one_token_is_a_400_naming_max_pixels()
    {
        var response = await fixture.Client.PostChatAsync(Request(ImageUrl(Picture), null, 100));

        var error = await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_pixel_budget", "max_pixels");
        Assert.Contains("16x16", (string)error["message"]!);
    }

    private static JsonObject Request(JsonNode image, int? minPixels, int? maxPixels)
    {
        var kwargs = new JsonObject();
        if (minPixels is { } min)
        {
            kwargs["min_pixels"] = min;
        }

        if (maxPixels is { } max)
        {
            kwargs["max_pixels"] = max;
        }

        return Chat(image, Text("describe")).With("model", null).With("max_tokens", 1).With("mm_processor_kwargs", kwargs);
    }

    private static async Task<int> ImageTokensAsync(HttpResponseMessage response) =>
        (int)(await response.AssertAnswerAsync())["usage"]!["prompt_tokens_details"]!["image_tokens"]!;
}
