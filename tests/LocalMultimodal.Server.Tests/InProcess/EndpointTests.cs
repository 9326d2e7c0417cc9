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

        // OpenTelemetry's Prometheus names: dots become underscores, the unit is a suffix, counters end in _total.
        Assert.Matches(Series("localmm_requests_total", "http_response_status_code=\"200\"") + " [1-9]", metrics);
        Assert.Matches(Series("localmm_requests_total", "http_response_status_code=\"400\"") + " [1-9]", metrics);
        Assert.Matches(Series("localmm_media_items_total", "modality=\"image\"") + " [1-9]", metrics);
        Assert.Matches(Series("localmm_media_items_total", "modality=\"audio\"") + " [1-9]", metrics);
        Assert.Matches(Series("localmm_media_items_total", "modality=\"video\"") + " 0", metrics);
        Assert.Matches(Series("gen_ai_client_token_usage_sum", "gen_ai_token_type=\"input\"") + " [1-9]", metrics);
        Assert.Matches(Series("gen_ai_client_token_usage_sum", "gen_ai_token_type=\"output\"") + " [1-9]", metrics);
        Assert.Matches(Series("gen_ai_server_time_to_first_token_seconds_count", "gen_ai_request_model=\"tiny-llama\"") + " [1-9]", metrics);
        Assert.Matches(Series("gen_ai_server_time_to_first_token_seconds_bucket", "le=\"\\+Inf\"") + " [1-9]", metrics);
        Assert.Matches(Series("gen_ai_server_request_duration_seconds_count", "gen_ai_request_model=\"tiny-llama\"") + " [1-9]", metrics);
        Assert.Matches(Series("gen_ai_server_time_per_output_token_seconds_count", "gen_ai_request_model=\"tiny-llama\"") + " [1-9]", metrics);
        Assert.Matches(Series("localmm_queue_depth", "") + " 0", metrics);
        Assert.Matches(Series("localmm_active_sequences", "") + " \\d", metrics);
        Assert.Matches(Series("localmm_cache_hits_total", "cache=\"prefix\"") + " [1-9]", metrics);
        Assert.Matches(Series("localmm_cache_misses_total", "cache=\"prefix\"") + " [1-9]", metrics);
        Assert.Matches(Series("localmm_ready", "") + " 1", metrics);
    }

    /// <summary>A regex for one series line's start: the name, any labels, and the given one among them.</summary>
    private static string Series(string name, string label) =>
        label.Length == 0 ? $@"(?m)^{name}(\{{[^}}]*\}})?" : $@"(?m)^{name}\{{[^}}]*{label}[^}}]*\}}";

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
