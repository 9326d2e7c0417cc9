using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace LocalMultimodal.Fuzz.Requests;

/// <summary>
/// Sends mutated chat requests to a live server, several at a time: bad input must never get a 5xx (a 429 when
/// the queue is full is fine), the server must stay up and healthy, and its memory must come back within bounds.
/// </summary>
internal sealed class RequestFuzzRun(ServerUnderFuzz server, TextWriter log)
{
    /// <summary>How far above its warmed-up size the server may end: the caches' caps plus allocator slack.</summary>
    public const long MemorySlackBytes = 512L << 20;

    public async Task<RequestFuzzReport> RunAsync(int seed, int count, int parallel)
    {
        var report = new RequestFuzzReport();
        IReadOnlyList<JsonObject> corpus = RequestCorpus.Build();
        using var http = new HttpClient { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromSeconds(60) };

        // Warm up on the valid corpus: every one must be answered, and it sets the memory baseline.
        foreach (JsonObject valid in corpus)
        {
            using var response = await PostAsync(http, valid.ToJsonString());
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.BadRequest))
            {
                report.Fail($"valid corpus request got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{valid.ToJsonString()[..Math.Min(300, valid.ToJsonString().Length)]}");
            }
        }

        report.BaselineBytes = server.ResidentBytes;
        var clock = Stopwatch.StartNew();
        int next = 0;
        var workers = Enumerable.Range(0, parallel).Select(async _ =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next) - 1) < count && !server.HasExited)
            {
                string body = RequestMutator.Mutate(corpus, Mix(seed, n));
                await SendAsync(http, body, seed, n, report);
                if (n % 50 == 0)
                {
                    report.PeakBytes = Math.Max(report.PeakBytes, server.HasExited ? 0 : server.ResidentBytes);
                }
            }
        });
        await Task.WhenAll(workers);
        report.Elapsed = clock.Elapsed;

        if (server.HasExited)
        {
            report.Fail($"the server died: {server.ErrorTail}");
            return report;
        }

        using (var health = await http.GetAsync("/health"))
        {
            if (health.StatusCode != HttpStatusCode.OK)
            {
                report.Fail($"/health is {(int)health.StatusCode} after the run");
            }
        }

        // The valid corpus again: the server still answers properly.
        using (var again = await PostAsync(http, corpus[1].ToJsonString()))
        {
            string text = await again.Content.ReadAsStringAsync();
            if (again.StatusCode != HttpStatusCode.OK || !text.Contains("\"content\"", StringComparison.Ordinal))
            {
                report.Fail($"a valid image request after the run got {(int)again.StatusCode}: {text}");
            }
        }

        await Task.Delay(1000);
        report.FinalBytes = server.ResidentBytes;
        if (report.FinalBytes > report.BaselineBytes + MemorySlackBytes)
        {
            report.Fail($"server memory {report.FinalBytes >> 20} MiB after the run, over {report.BaselineBytes >> 20} MiB + {MemorySlackBytes >> 20} MiB");
        }

        return report;
    }

    /// <summary>The seed of request <paramref name="n"/> of a run: stable across processes.</summary>
    public static int Mix(int seed, int n) => (int)((((uint)seed * 2654435761u) ^ ((uint)n * 40503u)) & int.MaxValue);

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string body) =>
        http.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));

    private async Task SendAsync(HttpClient http, string body, int seed, int n, RequestFuzzReport report)
    {
        try
        {
            using var response = await PostAsync(http, body);
            string text = await response.Content.ReadAsStringAsync();
            report.Count((int)response.StatusCode);
            if ((int)response.StatusCode >= 500)
            {
                report.Fail($"request seed {seed} #{n} got {(int)response.StatusCode}: {text[..Math.Min(400, text.Length)]}\n  body: {body[..Math.Min(600, body.Length)]}");
                lock (log)
                {
                    log.WriteLine($"5xx: seed {seed} #{n}: {text[..Math.Min(200, text.Length)]}");
                }
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            report.Count(0);
            report.Fail($"request seed {seed} #{n}: no answer ({e.GetType().Name}: {e.Message})\n  body: {body[..Math.Min(600, body.Length)]}");
        }
    }
}
