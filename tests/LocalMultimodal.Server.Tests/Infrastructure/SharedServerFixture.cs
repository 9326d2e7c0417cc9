namespace LocalMultimodal.Server.Tests.Infrastructure;

/// <summary>
/// One server for the tests that need no special flags: images limited to 2 and audio to 1 per prompt, private
/// addresses allowed (the media server is on loopback), file: URLs allowed below a temporary folder.
/// </summary>
public sealed class SharedServerFixture : IAsyncLifetime
{
    private InProcessServer? _server;
    private StaticMediaServer? _media;

    public DirectoryInfo LocalMedia { get; } = Directory.CreateTempSubdirectory("lmm-local-media-");

    internal InProcessServer Server => _server!;

    internal StaticMediaServer Media => _media!;

    public HttpClient Client => Server.Client;

    public async Task InitializeAsync()
    {
        File.WriteAllBytes(Path.Combine(LocalMedia.FullName, "red.png"), ColourImages.SolidPng(32, 32, 255, 0, 0));
        _media = await StaticMediaServer.StartAsync();
        _server = await InProcessServer.StartAsync(o =>
        {
            o.Fetch.AllowPrivateAddresses = true;
            o.Fetch.AllowedLocalMediaPath = LocalMedia.FullName;
        });
    }

    public async Task DisposeAsync()
    {
        await _server!.DisposeAsync();
        await _media!.DisposeAsync();
        LocalMedia.Delete(recursive: true);
    }
}
