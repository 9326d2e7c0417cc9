using System.Text.Json.Nodes;
using LocalMultimodal.Models;
using LocalMultimodal.Server.Hosting;
using LocalMultimodal.Server.Tests.Infrastructure;
using LocalMultimodal.Testing.Conformance;
using static LocalMultimodal.Server.Tests.Infrastructure.Api;

namespace LocalMultimodal.Server.Tests.Colour;

/// <summary>The shared colour suite through <c>/v1/chat/completions</c> on the built-in demo model, media as content parts.</summary>
[Collection(ColourServerCollection.Name)]
public sealed class HttpColourConformanceTests(ColourServerFixture fixture) : ColourConformanceTests
{
    protected override Task<SurfaceAnswer> AskAsync(string question, params SurfaceMedia[] media) => AskAsync(fixture.Client, question, media);

    /// <summary>The background comes from <c>--media-io-kwargs</c>, parsed as the command line would be.</summary>
    protected override async Task<SurfaceAnswer> AskOverABlackBackgroundAsync(string question, SurfaceMedia media)
    {
        var flags = ServerCommandLine.Parse(["--media-io-kwargs", """{"image":{"rgba_background_color":[0,0,0]}}"""], _ => null);
        await using var server = await DemoServer.StartBuiltInAsync(o => o.MediaIo = flags.MediaIo);
        return await AskAsync(server.Client, question, [media]);
    }

    internal static async Task<SurfaceAnswer> AskAsync(HttpClient client, string question, SurfaceMedia[] media)
    {
        JsonNode answer = await (await client.PostChatAsync(DemoServer.Request([Text(question), .. media.Select(Part)]))).AssertAnswerAsync();
        Assert.Equal(DemoModel.Name, (string?)answer["model"]);
        Assert.Equal("stop", (string?)answer["choices"]![0]!["finish_reason"]);
        JsonNode usage = answer["usage"]!;
        return new SurfaceAnswer(
            (string?)answer["choices"]![0]!["message"]!["content"] ?? "",
            (int)usage["prompt_tokens"]!,
            (int)usage["prompt_tokens_details"]!["image_tokens"]!,
            (int)usage["prompt_tokens_details"]!["audio_tokens"]!);
    }

    private static JsonObject Part(SurfaceMedia media) => media.Kind switch
    {
        SurfaceMediaKind.Image => ImageUrl(DataUrls.Of(media.Bytes, media.MediaType), media.Uuid),
        SurfaceMediaKind.Audio => InputAudio(media.Bytes),
        SurfaceMediaKind.Video => Api.Part("video_url", new JsonObject { ["url"] = DataUrls.Of(media.Bytes, media.MediaType) }, media.Uuid),

        // {"type":"image_url","image_url":null,"uuid":"..."}: no data, only the uuid.
        SurfaceMediaKind.ImageReference => Api.Part("image_url", null, media.Uuid),
        _ => throw new ArgumentOutOfRangeException(nameof(media), media.Kind, "Unknown media kind."),
    };
}
