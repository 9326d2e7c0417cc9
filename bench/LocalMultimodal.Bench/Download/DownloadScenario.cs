using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LocalMultimodal.Hub;
using LocalMultimodal.Testing.Hub;

namespace LocalMultimodal.Bench.Download;

/// <summary>
/// <c>download.vs_plain</c>: the hub client's throughput (listing, redirect, streamed write with SHA-256, rename,
/// snapshot link) over a plain <see cref="HttpClient"/> stream-to-file copy of the same 200 MB file from the same
/// stand-in hub, in the same process, runs alternating. Needs no models, so it runs on its own.
/// </summary>
internal static class DownloadScenario
{
    private const string Repo = "bench/download-GGUF";
    private const string FileName = "bench-Q8_0.gguf";
    private const long Size = 200_000_000;

    public static async Task<int> RunAsync(int runs)
    {
        string folder = Directory.CreateTempSubdirectory("localmm-bench-download-").FullName;
        try
        {
            string source = Path.Combine(folder, "source.gguf");
            WriteRandom(source, Size);
            await using var hub = await StandInHub.StartAsync();
            hub.PublishFile(Repo, FileName, source);
            using var plainClient = new HttpClient();
            var url = new Uri($"{hub.Endpoint}/{Repo}/resolve/main/{FileName}");

            var plain = new List<double>();
            var client = new List<double>();
            var plainCpu = new List<double>();
            var clientCpu = new List<double>();
            Console.WriteLine($"Measuring download of a {Size / 1_000_000} MB file from the stand-in hub ({runs} runs after a warm-up) ...");
            for (int run = 0; run <= runs; run++)
            {
                var cpu = CpuSeconds();
                double plainSeconds = await PlainCopyAsync(plainClient, url, Path.Combine(folder, "plain.gguf"));
                var plainCpuSeconds = CpuSeconds() - cpu;
                cpu = CpuSeconds();
                double clientSeconds = await HubDownloadAsync(hub.Endpoint, Path.Combine(folder, $"cache-{run}"));
                var clientCpuSeconds = CpuSeconds() - cpu;
                if (run > 0)
                {
                    plain.Add(Size / plainSeconds / 1e6);
                    client.Add(Size / clientSeconds / 1e6);
                    plainCpu.Add(plainCpuSeconds);
                    clientCpu.Add(clientCpuSeconds);
                }
            }

            double plainMbps = Stats.Median(plain);
            double clientMbps = Stats.Median(client);
            var figures = new JsonObject
            {
                ["file_mb"] = Size / 1_000_000,
                ["plain_mb_s"] = Stats.Round(plainMbps),
                ["hub_client_mb_s"] = Stats.Round(clientMbps),
                ["vs_plain"] = Stats.Round(clientMbps / plainMbps, 3),
                // CPU seconds of the whole process (the stand-in's threads included) per download: unlike the
                // throughput, this does not move with what else the machine runs.
                ["plain_cpu_s"] = Stats.Round(Stats.Median(plainCpu), 3),
                ["hub_client_cpu_s"] = Stats.Round(Stats.Median(clientCpu), 3),
                ["plain_runs_mb_s"] = new JsonArray([.. plain.Select(v => (JsonNode)Stats.Round(v))]),
                ["hub_client_runs_mb_s"] = new JsonArray([.. client.Select(v => (JsonNode)Stats.Round(v))]),
            };
            var report = new JsonObject { ["machine"] = Machine.Describe(), ["commit"] = Repository.Commit(), ["runs"] = runs, ["download"] = figures };
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  plain HttpClient copy {figures["plain_mb_s"]} MB/s ({figures["plain_cpu_s"]} CPU s), hub client {figures["hub_client_mb_s"]} MB/s ({figures["hub_client_cpu_s"]} CPU s; with SHA-256, rename and snapshot link)"));
            double ratio = clientMbps / plainMbps;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  download.vs_plain = {figures["vs_plain"]} (target >= 0.9: {(ratio >= 0.9 ? "met" : "NOT met")})"));
            string output = Path.Combine(Repository.Root(), "bench", "results", "download.json");
            Directory.CreateDirectory(Path.GetDirectoryName(output)!);
            await File.WriteAllTextAsync(output, report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
            Console.WriteLine($"wrote {output}");
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static double CpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    private static async Task<double> PlainCopyAsync(HttpClient client, Uri url, string target)
    {
        var clock = Stopwatch.StartNew();
        using (var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead))
        {
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            await using var file = File.Create(target);
            await body.CopyToAsync(file);
        }

        double seconds = clock.Elapsed.TotalSeconds;
        File.Delete(target);
        return seconds;
    }

    private static async Task<double> HubDownloadAsync(string endpoint, string cache)
    {
        var clock = Stopwatch.StartNew();
        using (var hub = new ModelHub(new HubOptions { Endpoint = endpoint, CacheDirectory = cache, Offline = false }))
        {
            var resolved = await hub.PullAsync(ModelReference.Parse($"{Repo}:Q8_0"), withProjector: false);
            await using var written = File.OpenRead(resolved.ModelPath); // through the snapshot link
            if (written.Length != Size)
            {
                throw new InvalidOperationException("The hub client wrote a file of the wrong size.");
            }
        }

        double seconds = clock.Elapsed.TotalSeconds;
        Directory.Delete(cache, recursive: true);
        return seconds;
    }

    private static void WriteRandom(string path, long size)
    {
        var random = new Random(42);
        byte[] buffer = new byte[1 << 20];
        using var file = File.Create(path);
        for (long written = 0; written < size; written += buffer.Length)
        {
            random.NextBytes(buffer);
            file.Write(buffer, 0, (int)Math.Min(buffer.Length, size - written));
        }
    }
}
