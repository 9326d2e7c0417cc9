namespace LocalMultimodal.Server.Tests.Infrastructure;

/// <summary>
/// One server for the tests that need no special flags: images limited to 2 and audio to 1 per prompt, private
/// addresses allowed (the media server is on loopback), file: URLs allowed below a temporary folder.
/// </summary>
public sealed class SharedServerFixture : IAsyncLifetime
{
    private InProcessServer? server;
    private StaticMediaServer? media;

    public DirectoryInfo LocalMedia { get; } = Directory.CreateTempSubdirectory("lmm-local-media-");

    internal InProcessServer Server => server!;

    internal StaticMediaServer Media => media!;

    public HttpClient Client => Server.Client;

    public async Task InitializeAsync()
    {
        File.WriteAllBytes(Path.Combine(LocalMedia.FullName, "red.png"), ColourImages.SolidPng(32, 32, 255, 0, 0));
        media = await StaticMediaServer.StartAsync();
        server = await InProcessServer.StartAsync(o =>
        {
            o.Fetch.AllowPrivateAddresses = true;
            o.Fetch.AllowedLocalMediaPath = LocalMedia.FullName;
        });
    }

    public async Task DisposeAsync()
    {
        await server!.DisposeAsync();
        await media!.DisposeAsync();
        LocalMedia.Delete(recursive: true);
    }
}
