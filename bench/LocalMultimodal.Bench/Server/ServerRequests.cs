using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LocalMultimodal.Sampling;

namespace LocalMultimodal.Bench.Server;

/// <summary>
/// The request both sides answer: one BMP image and a question, greedy, exactly <see cref="BenchPrompt.OutputTokens"/>
/// tokens. Through the server it is an OpenAI chat completion over a real socket, streamed as server-sent events,
/// the image as a base64 data URL, read as a client reads it (the first text delta, the usage chunk, <c>[DONE]</c>).
/// </summary>
internal static class ServerRequests
{
    public const string Question = "Describe this image in detail.";

    public static readonly SamplingOptions Sampling = new() { Temperature = 0, MaxTokens = BenchPrompt.OutputTokens, IgnoreEndOfSequence = true };

    public static async Task<IReadOnlyList<ServerSample>> RunAsync(HttpClient client, Uri server, IReadOnlyList<byte[]> images)
    {
        // The bodies are made before the clock starts: a client has its request ready before it sends it.
        string[] bodies = [.. images.Select(Body)];
        long start = Stopwatch.GetTimestamp();
        return await Task.WhenAll(bodies.Select(body => Task.Run(() => OneAsync(client, server, body, start))));
    }

    private static string Body(byte[] image) => new JsonObject
    {
        ["model"] = "bench",
        ["messages"] = new JsonArray
        {
            new JsonObject
            {
                ["role"] = "user",
                ["content"] = new JsonArray
                {
                    new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = "data:image/bmp;base64," + Convert.ToBase64String(image) } },
                    new JsonObject { ["type"] = "text", ["text"] = Question },
                },
            },
        },
        ["max_tokens"] = BenchPrompt.OutputTokens,
        ["temperature"] = 0,
        ["ignore_eos"] = true,
        ["stream"] = true,
        ["stream_options"] = new JsonObject { ["include_usage"] = true },
    }.ToJsonString();

    private static async Task<ServerSample> OneAsync(HttpClient client, Uri server, string body, long start)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, "/v1/chat/completions"))
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The server answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        double first = double.NaN;
        int? tokens = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal))
            {
                continue;
            }

            string data = line["data: ".Length..];
            if (data == "[DONE]")
            {
                break;
            }

            using var chunk = JsonDocument.Parse(data);
            var root = chunk.RootElement;
            if (root.TryGetProperty("error", out var error))
            {
                throw new InvalidOperationException($"The server's stream failed: {error}");
            }

            if (double.IsNaN(first) && root.GetProperty("choices") is { ValueKind: JsonValueKind.Array } choices && choices.GetArrayLength() > 0
                && choices[0].GetProperty("delta").TryGetProperty("content", out var content) && content.GetString() is { Length: > 0 })
            {
                first = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }

            if (root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
            {
                tokens = usage.GetProperty("completion_tokens").GetInt32();
            }
        }

        return new ServerSample(first, Stopwatch.GetElapsedTime(start).TotalMilliseconds, tokens ?? throw new InvalidOperationException("The server's stream ended without usage."));
    }
}
