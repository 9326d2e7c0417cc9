using System.Net;
using System.Net.Http.Headers;
using System.Text;
using LocalMultimodal.Media;
using LocalMultimodal.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using static LocalMultimodal.Server.Tests.Infrastructure.Api;

namespace LocalMultimodal.Server.Tests.InProcess;

/// <summary>Each flag's effect, on a server started with it.</summary>
public sealed class ServerFlagTests
{
    [Fact]
    public async Task ApiKey_IsRequiredOnEveryRouteButHealth()
    {
        await using var server = await InProcessServer.StartAsync(o => o.ApiKey = "s3cret");
        var client = server.Client;

        var missing = await client.PostChatAsync(Chat(Text("hi")));
        await missing.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_api_key");
        Assert.Equal("Bearer", missing.Headers.WwwAuthenticate.Single().Scheme);
        await (await client.GetAsync("/v1/models")).AssertErrorAsync(HttpStatusCode.Unauthorized);
        await (await client.GetAsync("/metrics")).AssertErrorAsync(HttpStatusCode.Unauthorized);
        await (await client.GetAsync("/version")).AssertErrorAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret-but-longer");
        await (await client.PostChatAsync(Chat(Text("hi")))).AssertErrorAsync(HttpStatusCode.Unauthorized);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "s3cre");
        await (await client.PostChatAsync(Chat(Text("hi")))).AssertErrorAsync(HttpStatusCode.Unauthorized);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "s3cret");
        await (await client.PostChatAsync(Chat(Text("hi")))).AssertErrorAsync(HttpStatusCode.Unauthorized);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret");
        await (await client.PostChatAsync(Chat(Text("hi")))).AssertAnswerAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/models")).StatusCode);
    }

    [Fact]
    public async Task MaxRequestBytes_LargerBodyIsA413_AndTheServerKeepsServing()
    {
        await using var server = await InProcessServer.StartAsync(o => o.MaxRequestBytes = 4096);

        var big = Chat(ImageUrl(DataUrls.Of(new byte[8192], "image/png")));
        await (await server.Client.PostChatAsync(big)).AssertErrorAsync(HttpStatusCode.RequestEntityTooLarge, "request_too_large");

        // Without a Content-Length, the limit is hit while reading.
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big.ToJsonString())));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        await (await server.Client.SendAsync(request)).AssertErrorAsync(HttpStatusCode.RequestEntityTooLarge, "request_too_large");

        await (await server.Client.PostChatAsync(Chat(Text("small")))).AssertAnswerAsync();
    }

    [Theory]
    [InlineData("image_embeds")]
    [InlineData("audio_embeds")]
    public async Task EnableMmEmbeds_AcceptsTheParts_AndAnUnreadableTensorIsA400(string type)
    {
        await using var server = await InProcessServer.StartAsync(o => o.EnableMediaEmbeds = true);

        var error = await (await server.Client.PostChatAsync(Chat(Part(type, "AAAA")))).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_embeddings");

        Assert.Contains(type, (string?)error["message"]);
        await (await server.Client.PostChatAsync(Chat(Text("still there?")))).AssertAnswerAsync();
    }

    [Fact]
    public async Task ServedModelName_IsReportedAndAccepted_AndTheModelsOwnNameIsNot()
    {
        await using var server = await InProcessServer.StartAsync(o => o.ServedModelNames = ["vision", "vision-alias"]);

        var models = await (await server.Client.GetAsync("/v1/models")).ReadJsonAsync();
        Assert.Equal(["vision", "vision-alias"], models["data"]!.AsArray().Select(m => (string?)m!["id"]));
        var answer = await (await server.Client.PostChatAsync(Chat(Text("hi")).With("model", "vision-alias"))).AssertAnswerAsync();
        Assert.Equal("vision", (string?)answer["model"]);
        await (await server.Client.PostChatAsync(Chat(Text("hi")))).AssertErrorAsync(HttpStatusCode.NotFound, "model_not_found");
    }

    [Fact]
    public async Task WithoutPrivateAddressesAllowed_LoopbackMediaIsRefusedBeforeAnyConnection()
    {
        await using var media = await StaticMediaServer.StartAsync();
        await using var server = await InProcessServer.StartAsync();

        var response = await server.Client.PostChatAsync(Chat(ImageUrl(media.Url("red.png"))));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "media_fetch_refused");
        Assert.Empty(media.Requests);
    }

    [Fact]
    public async Task AllowedMediaDomains_RefuseOtherHosts()
    {
        await using var media = await StaticMediaServer.StartAsync();
        await using var server = await InProcessServer.StartAsync(o =>
        {
            o.Fetch.AllowPrivateAddresses = true;
            o.Fetch.AllowedDomains = ["images.example.com"];
        });

        var error = await (await server.Client.PostChatAsync(Chat(ImageUrl(media.Url("red.png"))))).AssertErrorAsync(HttpStatusCode.BadRequest, "media_fetch_refused");

        Assert.Empty(media.Requests);
        Assert.Contains("127.0.0.1", (string?)error["message"]);
    }

    [Fact]
    public async Task WithoutAllowedLocalMediaPath_FileUrlsAreRefused()
    {
        await using var server = await InProcessServer.StartAsync();

        await (await server.Client.PostChatAsync(Chat(ImageUrl(new Uri(TestModels.Llm).AbsoluteUri)))).AssertErrorAsync(HttpStatusCode.BadRequest, "media_fetch_refused");
    }

    [Fact]
    public async Task MediaIoKwargsBackground_IsWhatTransparentPixelsBecome()
    {
        await using var server = await InProcessServer.StartAsync(o => o.MediaIo = LocalMultimodal.Server.Hosting.MediaIoKwargs.Parse("""{"image":{"rgba_background_color":[0,0,0]}}"""));

        string transparent = await AnswerFor(server, Png(new Rgba32(255, 255, 255, 0)));
        string black = await AnswerFor(server, Png(new Rgba32(0, 0, 0, 255)));
        string white = await AnswerFor(server, Png(new Rgba32(255, 255, 255, 255)));

        Assert.Equal(black, transparent);
        Assert.NotEqual(white, transparent);
    }

    [Fact]
    public async Task EngineFlags_ReachTheEngineOptions()
    {
        EngineOptions? loaded = null;
        await using var server = await InProcessServer.StartAsync(
            o =>
            {
                o.MediaIo = LocalMultimodal.Server.Hosting.MediaIoKwargs.Parse("""{"video":{"num_frames":12,"frame_recovery":true},"audio":{"max_duration_s":90}}""");
                o.ContextSize = 1024;
                o.Parallel = 3;
                o.ChatTemplate = "chatml";
                o.EnableMediaEmbeds = true;
                o.MaxQueuedRequests = 9;
                o.MaxNumBatchedTokens = 128;
                o.EnablePrefixCaching = false;
                o.MediaCacheGiB = 0;
            },
            services => services.AddSingleton<LocalMultimodal.Server.Hosting.LoadEngine>((options, ct) =>
            {
                loaded = options;
                return MultimodalEngine.LoadAsync(options, cancellationToken: ct);
            }));

        Assert.NotNull(loaded);
        Assert.Equal((12, true), (loaded.Media.Video.NumFrames, loaded.Media.Video.FrameRecovery));
        Assert.True(loaded.EnableMediaEmbeddings);
        Assert.Equal((1024, 3, "chatml", 0), (loaded.ContextSize, loaded.MaxConcurrentSequences, loaded.ChatTemplate, loaded.GpuLayers));
        Assert.Equal(2, loaded.LimitPerPrompt[MediaModality.Image]);
        Assert.Equal(90, loaded.Media.Audio.MaxDurationSeconds);
        Assert.Equal((9, 128, false, 0L), (loaded.MaxQueuedRequests, loaded.StepTokenBudget, loaded.EnablePrefixCaching, loaded.MediaCacheBytes));
    }

    [Fact]
    public async Task ChatTemplate_ReplacesTheModelsTemplate()
    {
        await using var chatml = await InProcessServer.StartAsync();
        await using var gemma = await InProcessServer.StartAsync(o => o.ChatTemplate = "gemma");

        var request = Chat(Text("Hello template"));
        var a = await (await chatml.Client.PostChatAsync(request)).AssertAnswerAsync();
        var b = await (await gemma.Client.PostChatAsync(request)).AssertAnswerAsync();

        Assert.NotEqual((int)a["usage"]!["prompt_tokens"]!, (int)b["usage"]!["prompt_tokens"]!);
    }

    [Fact]
    public async Task LimitMmPerPrompt_ZeroAudio_RefusesAnyAudio()
    {
        await using var server = await InProcessServer.StartAsync(o => o.LimitPerPrompt = new Dictionary<MediaModality, int> { [MediaModality.Audio] = 0 });

        await (await server.Client.PostChatAsync(Chat(InputAudio(Wavs.Tone(440, Tones.SpeechSampleRate, channels: 1))))).AssertErrorAsync(HttpStatusCode.BadRequest, "too_many_media", "audio");
        await (await server.Client.PostChatAsync(Chat(ImageUrl(DataUrls.Png(ColourImages.SolidPng(32, 32, 255, 0, 0))), ImageUrl(DataUrls.Png(ColourImages.SolidPng(32, 32, 255, 0, 0))), ImageUrl(DataUrls.Png(ColourImages.SolidPng(32, 32, 255, 0, 0)))))).AssertAnswerAsync();
    }

    [Fact]
    public async Task CtxSize_PromptLongerThanTheContext_IsA400()
    {
        await using var server = await InProcessServer.StartAsync(o => o.ContextSize = 64);

        var response = await server.Client.PostChatAsync(Chat(Text(string.Join(' ', Enumerable.Repeat("word", 200)))));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "context_length_exceeded");
    }

    private static async Task<string> AnswerFor(InProcessServer server, byte[] png)
    {
        var answer = await (await server.Client.PostChatAsync(Chat(ImageUrl(DataUrls.Of(png, "image/png")), Text("Colour?")).With("max_tokens", 12))).AssertAnswerAsync();
        return (string)answer["choices"]![0]!["message"]!["content"]!;
    }

    private static byte[] Png(Rgba32 colour)
    {
        using var image = new Image<Rgba32>(32, 32, colour);
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }
}
