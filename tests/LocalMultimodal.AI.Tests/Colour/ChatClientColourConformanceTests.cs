using LocalMultimodal.Media;
using LocalMultimodal.Testing.Conformance;
using Microsoft.Extensions.AI;

namespace LocalMultimodal.AI.Tests.Colour;

/// <summary>The shared colour suite through the <see cref="IChatClient"/> on the demo model's engine.</summary>
[Collection(ModelsCollection.Name)]
public sealed class ChatClientColourConformanceTests(DemoModelFixture demo) : ColourConformanceTests, IDisposable
{
    private readonly IChatClient _client = demo.Engine.AsIChatClient();

    public void Dispose() => _client.Dispose();

    protected override Task<SurfaceAnswer> AskAsync(string question, params SurfaceMedia[] media) => AskAsync(_client, question, media);

    protected override async Task<SurfaceAnswer> AskOverABlackBackgroundAsync(string question, SurfaceMedia media)
    {
        var options = demo.EngineOptions();
        options.Media.Image.RgbaBackgroundColor = RgbColor.Black;
        await using var engine = await MultimodalEngine.LoadAsync(options);
        using var client = engine.AsIChatClient();
        return await AskAsync(client, question, [media]);
    }

    internal static async Task<SurfaceAnswer> AskAsync(IChatClient client, string question, SurfaceMedia[] media)
    {
        var response = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.User, [new TextContent(question), .. media.Select(Content)])],
            new ChatOptions { Temperature = 0, MaxOutputTokens = 4 });
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        UsageDetails usage = response.Usage!;
        return new SurfaceAnswer(response.Text, (int)usage.InputTokenCount!.Value, Count(usage, LocalMultimodalUsageKeys.InputImageTokens), Count(usage, LocalMultimodalUsageKeys.InputAudioTokens));
    }

    private static AIContent Content(SurfaceMedia media) => media.Kind switch
    {
        SurfaceMediaKind.ImageReference => MediaReferenceContent.Image(media.Uuid!),
        _ when media.Uuid is { } uuid => new DataContent(media.Bytes, media.MediaType).WithMediaUuid(uuid),
        _ => new DataContent(media.Bytes, media.MediaType),
    };

    private static int Count(UsageDetails usage, string key) => (int)(usage.AdditionalCounts?.GetValueOrDefault(key) ?? 0);
}
