using LocalMultimodal.Errors;
using LocalMultimodal.Generation;
using LocalMultimodal.Media;
using LocalMultimodal.Models;
using LocalMultimodal.Sampling;
using LocalMultimodal.Tests.Models;

namespace LocalMultimodal.Tests.Engine;

/// <summary>
/// Per-image pixel budgets (<see cref="ImageInput.WithPixelBudget"/>): a dynamic-resolution projector gets the image
/// resized by the Qwen2-VL processor's <c>smart_resize</c> rule, so its token count follows the budget; one image
/// token is 16×16 pixels in these fixtures (patch 8, merge 2). Fixed-size projectors ignore the budget.
/// </summary>
[Collection(NativeModelsCollection.Name)]
public sealed class PixelBudgetTests(NativeModelsFixture fixture)
{
    private static readonly SamplingOptions OneToken = new() { Temperature = 0, MaxTokens = 1, IgnoreEndOfSequence = true };

    // Tokens predicted by smart_resize with factor 16:
    // 160x160 (100 tokens) over max 16384: beta = sqrt(25600/16384) = 1.25, each side floor(160/1.25/16)*16 = 128, 8x8.
    // over max 10000: beta = 1.6, floor(6.25) = 6 a side, 6x6.
    // under min 40000: beta = 1.25, each side ceil(200/16)*16 = 208, 13x13.
    // 96x48 (6x3 tokens) over max 2048: beta = 1.5, floor(4)=4 by floor(2)=2, 4x2.
    [Theory]
    [InlineData(ProjectorKind.Qwen2VL, 160, 160, null, null, 100)]
    [InlineData(ProjectorKind.Qwen2VL, 160, 160, null, 16384, 64)]
    [InlineData(ProjectorKind.Qwen25VL, 160, 160, null, 10000, 36)]
    [InlineData(ProjectorKind.Qwen25VL, 160, 160, 40000, null, 169)]
    [InlineData(ProjectorKind.Qwen25VL, 160, 160, 1000, 30000, 100)]
    [InlineData(ProjectorKind.Qwen2VL, 96, 48, null, 2048, 8)]
    public async Task Image_tokens_follow_the_budget_as_smart_resize_predicts(ProjectorKind kind, int width, int height, int? minPixels, int? maxPixels, int expected)
    {
        await using var engine = await LoadAsync(kind);

        var result = await GenerateAsync(engine, Image(width, height).WithPixelBudget(minPixels, maxPixels));

        Assert.Equal(expected, result.Usage.ImageTokens);
    }

    [Fact]
    public async Task The_same_image_under_two_budgets_is_two_encodings_by_content_and_by_uuid()
    {
        await using var engine = await LoadAsync(ProjectorKind.Qwen25VL);

        var large = await GenerateAsync(engine, Image(160, 160, "photo").WithPixelBudget(null, 16384));
        var small = await GenerateAsync(engine, Image(160, 160, "photo").WithPixelBudget(null, 10000));
        var unnamed = await GenerateAsync(engine, Image(160, 160).WithPixelBudget(null, 16384));
        var unnamedSmall = await GenerateAsync(engine, Image(160, 160).WithPixelBudget(null, 10000));
        // A reference finds the encoding made under its own budget, whichever came last.
        var largeByReference = await GenerateAsync(engine, ImageInput.Reference("photo").WithPixelBudget(null, 16384));
        var smallByReference = await GenerateAsync(engine, ImageInput.Reference("photo").WithPixelBudget(null, 10000));

        Assert.Equal([64, 36, 64, 36, 64, 36], new[] { large, small, unnamed, unnamedSmall, largeByReference, smallByReference }.Select(r => r.Usage.ImageTokens));
        await Assert.ThrowsAsync<CacheMissException>(() => GenerateAsync(engine, ImageInput.Reference("photo").WithPixelBudget(null, 20000)));
        await Assert.ThrowsAsync<CacheMissException>(() => GenerateAsync(engine, ImageInput.Reference("photo")));
    }

    [Theory]
    [InlineData(ProjectorKind.Qwen2VL, 50000, 20000, "min_pixels")]
    [InlineData(ProjectorKind.Qwen2VL, 0, null, "min_pixels")]
    [InlineData(ProjectorKind.Qwen2VL, null, -1, "max_pixels")]
    [InlineData(ProjectorKind.Qwen25VL, null, 255, "max_pixels")] // below one 16x16 token
    [InlineData(ProjectorKind.Qwen25VL, 100_000_000, null, "min_pixels")] // an upscale beyond the image limits
    [InlineData(ProjectorKind.Gemma3, 50000, 20000, "min_pixels")]
    public async Task A_budget_that_cannot_be_met_is_refused_naming_the_field(ProjectorKind kind, int? minPixels, int? maxPixels, string field)
    {
        await using var engine = await LoadAsync(kind);

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => GenerateAsync(engine, Image(160, 160).WithPixelBudget(minPixels, maxPixels)));

        Assert.Equal(field, error.Param);
        Assert.Equal("invalid_pixel_budget", error.Code);
        Assert.Contains(field, error.Message);
    }

    [Fact]
    public async Task A_budget_on_a_video_frame_is_refused_rather_than_dropped()
    {
        await using var engine = await LoadAsync(ProjectorKind.Qwen25VL);
        var video = VideoInput.FromFrames([Image(32, 32), Image(32, 32).WithPixelBudget(null, 1024)]);

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => engine.GenerateAsync(EngineFactory.Prompt(video), OneToken).CollectAsync());

        Assert.Equal("max_pixels", error.Param);
    }

    [Fact]
    public async Task A_fixed_size_projector_ignores_the_budget()
    {
        await using var engine = await LoadAsync(ProjectorKind.Gemma3);

        var plain = await GenerateAsync(engine, Image(160, 160));
        var budgeted = await GenerateAsync(engine, Image(160, 160).WithPixelBudget(300, 400));

        Assert.Equal(plain.Usage.ImageTokens, budgeted.Usage.ImageTokens);
        Assert.Equal(plain.TokenIds, budgeted.TokenIds);
    }

    private Task<MultimodalEngine> LoadAsync(ProjectorKind kind) =>
        EngineFactory.LoadAsync(fixture, kind, o => o.ModelPath = fixture.Models.LlmFor(kind));

    private static Task<GenerationResult> GenerateAsync(MultimodalEngine engine, ImageInput image) =>
        engine.GenerateAsync(EngineFactory.Prompt(image), OneToken).CollectAsync();

    private static ImageInput Image(int width, int height, string? uuid = null) =>
        ImageInput.FromPixels(width, height, PixelFormat.Rgb24, ColourImages.Gradient(width, height), uuid);
}
