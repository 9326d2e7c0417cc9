using System.Net;
using LocalMultimodal.Server.Tests.Infrastructure;
using static LocalMultimodal.Server.Tests.Infrastructure.Api;

namespace LocalMultimodal.Server.Tests.InProcess;

/// <summary>The operational routes, and what unknown routes get.</summary>
[Collection(SharedServerCollection.Name)]
public sealed class EndpointTests(SharedServerFixture fixture)
{
    [Fact]
    public async Task Models_ListsTheServedModel()
    {
        var models = await (await fixture.Client.GetAsync("/v1/models")).ReadJsonAsync();

        Assert.Equal("list", (string?)models["object"]);
        var model = Assert.Single(models["data"]!.AsArray())!;
        Assert.Equal("tiny-llama", (string?)model["id"]);
        Assert.Equal("model", (string?)model["object"]);
        Assert.Equal(2048, (int)model["max_model_len"]!);
    }

    [Fact]
    public async Task Health_IsOkWhenReady()
    {
        var response = await fixture.Client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Version_IsTheServerAssemblysVersion()
    {
        var version = await (await fixture.Client.GetAsync("/version")).ReadJsonAsync();

        string expected = typeof(ServerApp).Assembly.GetName().Version!.ToString(3);
        Assert.StartsWith(expected, (string?)version["version"]);
    }

    [Fact]
    public async Task Metrics_CountRequestsTokensMediaAndTimeToFirstToken()
    {
        await (await fixture.Client.PostChatAsync(Chat(ImageUrl(DataUrls.Png(ColourImages.SolidPng(32, 32, 255, 0, 0)))))).AssertAnswerAsync();
        await (await fixture.Client.PostChatAsync(Chat(ImageUrl(DataUrls.Png(ColourImages.SolidPng(32, 32, 255, 0, 0)))))).AssertAnswerAsync();
        await (await fixture.Client.PostChatAsync(Chat(InputAudio(Wavs.Tone(440, Tones.SpeechSampleRate, channels: 1))))).AssertAnswerAsync();
        await fixture.Client.PostChatAsync(Chat(Text("x")).With("n", 3));

        string metrics = await fixture.Client.GetStringAsync("/metrics");

        Assert.Matches(@"localmm_requests_total\{status=""200""\} [1-9]", metrics);
        Assert.Matches(@"localmm_requests_total\{status=""400""\} [1-9]", metrics);
        Assert.Matches(@"localmm_media_items_total\{modality=""image""\} [1-9]", metrics);
        Assert.Matches(@"localmm_media_items_total\{modality=""audio""\} [1-9]", metrics);
        Assert.Contains(@"localmm_media_items_total{modality=""video""} 0", metrics);
        Assert.Matches(@"localmm_prompt_tokens_total [1-9]", metrics);
        Assert.Matches(@"localmm_completion_tokens_total [1-9]", metrics);
        Assert.Matches(@"localmm_time_to_first_token_seconds_count [1-9]", metrics);
        Assert.Contains(@"localmm_time_to_first_token_seconds_bucket{le=""+Inf""}", metrics);
        Assert.Contains("localmm_queue_depth 0", metrics);
        Assert.Contains("localmm_active_sequences ", metrics);
        Assert.Matches(@"localmm_cache_hits_total\{cache=""prefix""\} [1-9]", metrics);
        Assert.Matches(@"localmm_cache_misses_total\{cache=""prefix""\} [1-9]\d*", metrics);
        Assert.Contains("localmm_ready 1", metrics);
    }

    [Fact]
    public async Task UnknownRoute_IsA404WithTheErrorShape()
    {
        await (await fixture.Client.GetAsync("/v1/embeddings")).AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task WrongMethod_IsA405WithTheErrorShape()
    {
        await (await fixture.Client.GetAsync("/v1/chat/completions")).AssertErrorAsync(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }
}
