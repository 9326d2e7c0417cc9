using LocalMultimodal.Server.Tests.Infrastructure;

namespace LocalMultimodal.Server.Tests.Colour;

/// <summary>
/// One server on the built-in demo model, with private addresses allowed (the media server is on loopback) and
/// file: URLs allowed below a temporary folder; the media server and the folder hold the same colour images.
/// </summary>
public sealed class ColourServerFixture : IAsyncLifetime
{
    private InProcessServer? server;
    private StaticMediaServer? media;

    /// <summary>Name to bytes of the images served over http and by file: URL.</summary>
    public static IReadOnlyDictionary<string, byte[]> Images { get; } = new Dictionary<string, byte[]>
    {
        ["orange.png"] = ColourImages.Png(48, 48, ColourImages.Solid(48, 48, 240, 130, 20)),
        ["wide-white.png"] = ColourImages.Png(128, 64, ColourImages.Solid(128, 64, 255, 255, 255)),
    };

    public DirectoryInfo LocalMedia { get; } = Directory.CreateTempSubdirectory("lmm-colour-media-");

    public HttpClient Client => server!.Client;

    internal StaticMediaServer Media => media!;

    public async Task InitializeAsync()
    {
        foreach (var (name, bytes) in Images)
        {
            await File.WriteAllBytesAsync(Path.Combine(LocalMedia.FullName, name), bytes);
        }

        media = await StaticMediaServer.StartAsync(Images.ToDictionary(i => $"/{i.Key}", i => (i.Value, "image/png")));
        server = await DemoServer.StartBuiltInAsync(o =>
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
