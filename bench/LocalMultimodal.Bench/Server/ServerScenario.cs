using System.Globalization;
using System.Text.Json.Nodes;
using LocalMultimodal.Bench.Baselines;
using LocalMultimodal.Bench.Scenarios;
using LocalMultimodal.Testing;

namespace LocalMultimodal.Bench.Server;

/// <summary>
/// The server's own cost: the same image chat requests through the HTTP server (its real process, a real socket,
/// streamed server-sent events, the image as a base64 data URL) and through the engine in this process
/// (<see cref="MultimodalEngine.ChatAsync(IReadOnlyList{Prompts.ChatTurn}, Sampling.SamplingOptions?, CancellationToken)"/>,
/// the call the server makes), on the same model with the same options, runs alternating so that the machine's
/// load falls on both alike. <c>ttft_ratio</c> is the server's median time to first token of single requests over
/// in-process (target at most 1.1); <c>n8_throughput_ratio</c> the server's tokens per second with 8 requests at
/// once over in-process (target at least 0.95).
/// </summary>
internal sealed class ServerScenario : IScenario
{
    /// <summary>Single requests per run and side, for the time to first token.</summary>
    private const int SinglesPerRun = 3;

    public string Name => "server";

    public async Task<JsonNode> MeasureAsync(BenchSettings settings, string variant)
    {
        var images = new BenchImages(settings.ImageSize);
        var options = settings.EngineOptions();
        await using var engine = await MultimodalEngine.LoadAsync(options);
        await using var server = await ServerProcess.StartAsync(
            "--model", settings.Models.Llm, "--mmproj", settings.Models.Projector, "--served-model-name", "bench", "--no-webui",
            "--parallel", Text(options.MaxConcurrentSequences), "--ctx-size", Text(options.ContextSize),
            "--max-num-batched-tokens", Text(options.StepTokenBudget)); // threads: both take the processor count
        using var client = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
        var url = new Uri(server.BaseUrl);

        // Warm-up: both sides answer 8 requests at once (connections opened, code paths jitted, buffers grown).
        Progress("warm-up in process");
        await InProcessChat.RunAsync(engine, Files(images, settings.ImageSize, BenchSettings.Sequences));
        Progress("warm-up through the server");
        await ServerRequests.RunAsync(client, url, Files(images, settings.ImageSize, BenchSettings.Sequences));

        var singles = (Server: new List<ServerSample>(), InProcess: new List<ServerSample>());
        var batches = (Server: new List<IReadOnlyList<ServerSample>>(), InProcess: new List<IReadOnlyList<ServerSample>>());
        for (int run = 1; run <= settings.Runs; run++)
        {
            bool serverFirst = run % 2 == 0; // alternate which side goes first, so a drift in load favours neither
            Progress($"run {run} of {settings.Runs}");
            for (int i = 0; i < SinglesPerRun; i++)
            {
                foreach (bool throughServer in serverFirst ? [true, false] : new[] { false, true })
                {
                    var one = Files(images, settings.ImageSize, 1);
                    (throughServer ? singles.Server : singles.InProcess).Add((throughServer
                        ? await ServerRequests.RunAsync(client, url, one)
                        : await InProcessChat.RunAsync(engine, one))[0]);
                }
            }

            foreach (bool throughServer in serverFirst ? [true, false] : new[] { false, true })
            {
                var eight = Files(images, settings.ImageSize, BenchSettings.Sequences);
                (throughServer ? batches.Server : batches.InProcess).Add(throughServer
                    ? await ServerRequests.RunAsync(client, url, eight)
                    : await InProcessChat.RunAsync(engine, eight));
            }
        }

        var all = singles.Server.Concat(singles.InProcess).Concat(batches.Server.SelectMany(b => b)).Concat(batches.InProcess.SelectMany(b => b));
        if (all.FirstOrDefault(s => s.CompletionTokens != BenchPrompt.OutputTokens) is { } cut)
        {
            throw new InvalidOperationException($"A request generated {cut.CompletionTokens} tokens instead of {BenchPrompt.OutputTokens}: the two sides would not compare the same work.");
        }

        double serverTtft = Stats.Median(singles.Server.Select(s => s.TimeToFirstTokenMs));
        double inProcessTtft = Stats.Median(singles.InProcess.Select(s => s.TimeToFirstTokenMs));
        double serverRate = Throughput(batches.Server);
        double inProcessRate = Throughput(batches.InProcess);
        return new JsonObject
        {
            ["ttft_ratio"] = Stats.Round(serverTtft / inProcessTtft, 3),
            ["n8_throughput_ratio"] = Stats.Round(serverRate / inProcessRate, 3),
            ["server_ttft_ms"] = Stats.Round(serverTtft),
            ["in_process_ttft_ms"] = Stats.Round(inProcessTtft),
            ["server_n8_tok_s"] = Stats.Round(serverRate),
            ["in_process_n8_tok_s"] = Stats.Round(inProcessRate),
            ["server_n8_ttft_p50_ms"] = Stats.Round(Stats.Percentile(batches.Server.SelectMany(b => b).Select(s => s.TimeToFirstTokenMs), 50)),
            ["in_process_n8_ttft_p50_ms"] = Stats.Round(Stats.Percentile(batches.InProcess.SelectMany(b => b).Select(s => s.TimeToFirstTokenMs), 50)),
            ["server_ttft_runs_ms"] = Samples(singles.Server.Select(s => s.TimeToFirstTokenMs)),
            ["in_process_ttft_runs_ms"] = Samples(singles.InProcess.Select(s => s.TimeToFirstTokenMs)),
            ["server_n8_runs_tok_s"] = Samples(batches.Server.Select(Rate)),
            ["in_process_n8_runs_tok_s"] = Samples(batches.InProcess.Select(Rate)),
            ["single_requests_per_side"] = singles.Server.Count,
        };
    }

    /// <summary>Fresh images (no run hits an earlier run's media or prefix cache) as the BMP files both sides get.</summary>
    private static byte[][] Files(BenchImages images, int size, int count) => [.. images.Next(count).Select(rgb => Bmp.Encode(size, size, rgb))];

    /// <summary>Median over runs of the tokens returned over the whole run's time.</summary>
    private static double Throughput(IEnumerable<IReadOnlyList<ServerSample>> runs) => Stats.Median(runs.Select(Rate));

    private static double Rate(IReadOnlyList<ServerSample> run) => run.Sum(s => s.CompletionTokens) / (run.Max(s => s.FinishedMs) / 1000);

    private static JsonArray Samples(IEnumerable<double> values) => new([.. values.Select(v => (JsonNode)Stats.Round(v))]);

    /// <summary>On standard error, which the parent passes through (standard output carries the result).</summary>
    private static void Progress(string step) => Console.Error.WriteLine($"  server: {step} ...");

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
