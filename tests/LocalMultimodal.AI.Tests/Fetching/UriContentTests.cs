using LocalMultimodal.AI.Tests.Fakes;
using LocalMultimodal.Errors;
using LocalMultimodal.Fetching;
using Microsoft.Extensions.AI;

namespace LocalMultimodal.AI.Tests.Fetching;

/// <summary>UriContent goes through the hardened fetcher: served media reach the engine, refused URLs fail naming the rule.</summary>
[Collection(ModelsCollection.Name)]
public sealed class UriContentTests(ModelsFixture fixture) : IAsyncLifetime
{
    private readonly StaticHttpServer _server = new(new()
    {
        ["/photo.png"] = ("image/png", ColourImages.GradientPng()),
        ["/tone.wav"] = ("audio/wav", Wavs.Tone(440, Tones.SpeechSampleRate, channels: 1)),
    });

    private readonly DirectoryInfo _media = Directory.CreateTempSubdirectory("lmm-ai-media-");

    public Task InitializeAsync() => File.WriteAllBytesAsync(Path.Combine(_media.FullName, "local.png"), ColourImages.GradientPng());

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _media.Delete(recursive: true);
    }

    [Fact]
    public async Task HttpImageAndAudio_AreFetchedAndAnswered()
    {
        using var client = Client(new MediaFetchOptions { AllowPrivateAddresses = true });

        var usage = await UsageOfAsync(client,
            new UriContent(_server.Url("/photo.png"), "image/png"),
            new UriContent(_server.Url("/tone.wav"), "audio/wav"));

        Assert.Equal(16, usage[LocalMultimodalUsageKeys.InputImageTokens]);
        Assert.True(usage[LocalMultimodalUsageKeys.InputAudioTokens] > 0);
        Assert.Equal(["/photo.png", "/tone.wav"], _server.RequestedPaths);
    }

    [Fact]
    public async Task PrivateAddress_IsRefusedByDefault_BeforeAnyConnection()
    {
        using var client = Client(new MediaFetchOptions());

        var error = await Assert.ThrowsAsync<MediaFetchException>(() => UsageOfAsync(client, new UriContent(_server.Url("/photo.png"), "image/png")));

        Assert.Equal("private_address", error.Rule);
        Assert.Contains(_server.Url("/photo.png"), error.Message);
        Assert.Empty(_server.RequestedPaths);
    }

    [Fact]
    public async Task HostOutsideTheAllowedDomains_IsRefused()
    {
        using var client = Client(new MediaFetchOptions { AllowPrivateAddresses = true, AllowedDomains = ["images.example.com"] });

        var error = await Assert.ThrowsAsync<MediaFetchException>(() => UsageOfAsync(client, new UriContent(_server.Url("/photo.png"), "image/png")));

        Assert.Equal("domain", error.Rule);
    }

    [Fact]
    public async Task MissingFile_FailsWithTheHttpStatus()
    {
        using var client = Client(new MediaFetchOptions { AllowPrivateAddresses = true });

        var error = await Assert.ThrowsAsync<MediaFetchException>(() => UsageOfAsync(client, new UriContent(_server.Url("/gone.png"), "image/png")));

        Assert.Equal("http_status", error.Rule);
    }

    [Fact]
    public async Task FileUrl_BelowTheAllowedFolder_IsRead()
    {
        using var client = Client(new MediaFetchOptions { AllowedLocalMediaPath = _media.FullName });

        var usage = await UsageOfAsync(client, new UriContent(new Uri(Path.Combine(_media.FullName, "local.png")), "image/png"));

        Assert.Equal(16, usage[LocalMultimodalUsageKeys.InputImageTokens]);
    }

    [Fact]
    public async Task FileUrl_OutsideTheAllowedFolder_IsRefused()
    {
        string outside = Path.Combine(Path.GetTempPath(), $"lmm-outside-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(outside, ColourImages.GradientPng());
        try
        {
            using var client = Client(new MediaFetchOptions { AllowedLocalMediaPath = _media.FullName });

            var error = await Assert.ThrowsAsync<MediaFetchException>(() => UsageOfAsync(client, new UriContent(new Uri(outside), "image/png")));

            Assert.Equal("local_path", error.Rule);
        }
        finally
        {
            File.Delete(outside);
        }
    }

    private IChatClient Client(MediaFetchOptions options) => fixture.Engine.AsIChatClient(options);

    private static async Task<AdditionalPropertiesDictionary<long>> UsageOfAsync(IChatClient client, params AIContent[] contents)
    {
        var response = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.User, [new TextContent("Describe it."), .. contents])],
            new ChatOptions { Temperature = 0, MaxOutputTokens = 2 });
        return response.Usage?.AdditionalCounts ?? throw new InvalidOperationException("No usage.");
    }
}
