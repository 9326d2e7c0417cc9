namespace LocalMultimodal.Hub.Tests;

/// <summary>A stand-in hub with one published repository and an empty temp cache; <see cref="Client"/> points at both.</summary>
internal sealed class HubTestBed : IAsyncDisposable
{
    public const string Repo = "tester/tiny-GGUF";

    private HubTestBed(StandInHub hub) => Hub = hub;

    public StandInHub Hub { get; }

    public TempFolder Cache { get; } = new();

    public byte[] Q4 { get; } = Bytes(1, 300_000);

    public byte[] Q8 { get; } = Bytes(2, 400_000);

    public byte[] Projector { get; } = Bytes(3, 200_000);

    public static async Task<HubTestBed> StartAsync()
    {
        var bed = new HubTestBed(await StandInHub.StartAsync());
        bed.Hub.Publish(Repo, "tiny-Q4_K_M.gguf", bed.Q4);
        bed.Hub.Publish(Repo, "tiny-Q8_0.gguf", bed.Q8);
        bed.Hub.Publish(Repo, "mmproj-tiny-f16.gguf", bed.Projector);
        bed.Hub.Publish(Repo, "mmproj-tiny-Q8_0.gguf", Bytes(4, 1000));
        bed.Hub.Publish(Repo, "README.md", "# tiny"u8.ToArray());
        return bed;
    }

    /// <summary>A client with fast retries and a short read timeout, configured through the environment variables.</summary>
    public ModelHub Client(string? token = null, bool offline = false, string? endpoint = null)
    {
        var environment = new Dictionary<string, string?>
        {
            ["HF_ENDPOINT"] = endpoint ?? Hub.Endpoint,
            ["HF_HUB_CACHE"] = Cache.Path,
            ["HF_TOKEN"] = token,
            ["HF_HUB_OFFLINE"] = offline ? "1" : null,
            ["HF_HOME"] = Cache.File("home"),
        };
        var options = new HubOptions { MaxRetries = 3, RetryDelay = TimeSpan.FromMilliseconds(20), ReadTimeout = TimeSpan.FromSeconds(3) };
        return new ModelHub(options, name => environment.GetValueOrDefault(name), logger: null, handler: null);
    }

    public string RepoFolder => Path.Combine(Cache.Path, "models--tester--tiny-GGUF");

    public static byte[] Bytes(int seed, int length)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public async ValueTask DisposeAsync()
    {
        await Hub.DisposeAsync();
        Cache.Dispose();
    }
}
