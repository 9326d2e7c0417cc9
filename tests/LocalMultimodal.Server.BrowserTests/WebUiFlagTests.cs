using LocalMultimodal.Server.BrowserTests.Infrastructure;

namespace LocalMultimodal.Server.BrowserTests;

/// <summary><c>--no-webui</c> leaves only the API.</summary>
public sealed class WebUiFlagTests
{
    [Fact]
    public async Task NoWebUi_PageAndFilesAre404_AndTheApiStillAnswers()
    {
        await using var server = await ServerProcess.StartAsync(["--no-webui"]);
        using var client = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };

        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync("/webui/app.js")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/v1/models")).StatusCode);
    }
}
