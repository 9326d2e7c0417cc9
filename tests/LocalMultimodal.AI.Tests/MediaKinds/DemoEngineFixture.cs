using LocalMultimodal.AI.Tests.Fakes;
using LocalMultimodal.Fetching;
using LocalMultimodal.Media;
using LocalMultimodal.Models;
using Microsoft.Extensions.AI;

namespace LocalMultimodal.AI.Tests.MediaKinds;

/// <summary>
/// The built-in colour demo model (it answers an image or video with its colour, audio with silence, low or high),
/// one engine with embeddings on, 4 frames per video and at most one video per prompt, a client over it that may read
/// loopback URLs and a media folder, and media made with ffmpeg.
/// </summary>
public sealed class DemoEngineFixture : IAsyncLifetime
{
    public const int NumFrames = 4;

    public const int TokensPerFrame = 16;

    private StaticHttpServer? _media;

    public DirectoryInfo Folder { get; } = Directory.CreateTempSubdirectory("lmm-ai-demo-");

    public DemoModelFiles Model { get; private set; } = null!;

    public MultimodalEngine Engine { get; private set; } = null!;

    public IChatClient Client { get; private set; } = null!;

    /// <summary>A red video's bytes; the media server has a blue one (<see cref="BlueVideoUrl"/>), the folder a lime one.</summary>
    public byte[] RedMp4 { get; private set; } = [];

    public string BlueVideoUrl => _media!.Url("/blue.mp4");

    public string LimeVideoPath => Path.Combine(Folder.FullName, "lime.mp4");

    /// <summary>A red MJPEG video, 30 frames, for cutting short.</summary>
    public string RedAviPath { get; private set; } = "";

    /// <summary>One second of 3 kHz ("high") by container: mp3, flac and ogg (Opus).</summary>
    public Dictionary<string, byte[]> HighTones { get; } = [];

    public string HighToneUrl(string container) => _media!.Url($"/high.{container}");

    /// <summary>Options for another engine on the demo model, like the shared one.</summary>
    public EngineOptions EngineOptions()
    {
        var options = new EngineOptions
        {
            ModelPath = Model.Llm,
            ProjectorPath = Model.Projector,
            ContextSize = 4096,
            Threads = 2,
            MaxConcurrentSequences = 2,
            EnableMediaEmbeddings = true,
        };
        options.Media.Video.NumFrames = NumFrames;
        options.LimitPerPrompt[MediaModality.Video] = 1;
        return options;
    }

    public async Task InitializeAsync()
    {
        string folder = Folder.FullName;
        Model = DemoModel.EnsureWritten(Path.Combine(folder, "model"));
        RedMp4 = File.ReadAllBytes(FfmpegMedia.SolidMp4(folder, "red"));
        FfmpegMedia.SolidMp4(folder, "lime");
        RedAviPath = FfmpegMedia.SolidAvi(folder, "red");
        var files = new Dictionary<string, (string MediaType, byte[] Body)>
        {
            ["/blue.mp4"] = ("video/mp4", File.ReadAllBytes(FfmpegMedia.SolidMp4(folder, "blue"))),
        };
        foreach (var (container, codec, type) in new[] { ("mp3", "libmp3lame", "audio/mpeg"), ("flac", "flac", "audio/flac"), ("ogg", "libopus", "audio/ogg") })
        {
            HighTones[container] = File.ReadAllBytes(FfmpegMedia.Tone(folder, 3000, container, codec));
            files[$"/high.{container}"] = (type, HighTones[container]);
        }

        _media = new StaticHttpServer(files);
        Engine = await MultimodalEngine.LoadAsync(EngineOptions());
        Client = Engine.AsIChatClient(new MediaFetchOptions { AllowPrivateAddresses = true, AllowedLocalMediaPath = folder });
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Engine.DisposeAsync();
        await _media!.DisposeAsync();
        Folder.Delete(recursive: true);
    }
}
