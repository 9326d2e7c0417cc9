namespace LocalMultimodal.Server.Tests.Infrastructure;

/// <summary>
/// One demo-model server (see <see cref="DemoServer"/>) with private addresses and a local media folder allowed, a
/// media server, and videos and compressed audio made with ffmpeg.
/// </summary>
public sealed class DemoServerFixture : IAsyncLifetime
{
    private InProcessServer? _server;
    private StaticMediaServer? _media;

    public DirectoryInfo Folder { get; } = Directory.CreateTempSubdirectory("lmm-demo-media-");

    /// <summary>A red video, sent inline; the media server has a blue one at <c>/blue.mp4</c>, the folder a green one.</summary>
    public byte[] RedMp4 { get; private set; } = [];

    /// <summary>One second of 3 kHz ("high") by container: mp3, flac and ogg (Opus).</summary>
    public Dictionary<string, byte[]> HighTones { get; } = [];

    internal InProcessServer Server => _server!;

    internal StaticMediaServer Media => _media!;

    internal MultimodalEngine Engine => Server.Host.EngineOrNull!;

    public HttpClient Client => Server.Client;

    public string FileUrl(string name) => new Uri(Path.Combine(Folder.FullName, name)).AbsoluteUri;

    public async Task InitializeAsync()
    {
        RedMp4 = File.ReadAllBytes(FfmpegMedia.SolidMp4(Folder.FullName, "red"));
        byte[] blue = File.ReadAllBytes(FfmpegMedia.SolidMp4(Folder.FullName, "blue"));
        FfmpegMedia.SolidMp4(Folder.FullName, "lime");
        HighTones["mp3"] = File.ReadAllBytes(FfmpegMedia.Tone(Folder.FullName, 3000, "mp3", "libmp3lame"));
        HighTones["flac"] = File.ReadAllBytes(FfmpegMedia.Tone(Folder.FullName, 3000, "flac", "flac"));
        HighTones["ogg"] = File.ReadAllBytes(FfmpegMedia.Tone(Folder.FullName, 3000, "ogg", "libopus"));
        _media = await StaticMediaServer.StartAsync(new Dictionary<string, (byte[] Bytes, string Type)>
        {
            ["/blue.mp4"] = (blue, "video/mp4"),
            ["/high.mp3"] = (HighTones["mp3"], "audio/mpeg"),
            ["/high.flac"] = (HighTones["flac"], "audio/flac"),
            ["/high.ogg"] = (HighTones["ogg"], "audio/ogg"),
        });
        _server = await DemoServer.StartAsync(o =>
        {
            o.Fetch.AllowPrivateAddresses = true;
            o.Fetch.AllowedLocalMediaPath = Folder.FullName;
        });
    }

    public async Task DisposeAsync()
    {
        await _server!.DisposeAsync();
        await _media!.DisposeAsync();
        Folder.Delete(recursive: true);
    }
}
