using System.Diagnostics;
using LocalMultimodal.Media;
using LocalMultimodal.Prompts;

namespace LocalMultimodal.Bench.Server;

/// <summary>The server's work without the server: the engine's own chat call, with the same image file and text.</summary>
internal static class InProcessChat
{
    public static async Task<IReadOnlyList<ServerSample>> RunAsync(MultimodalEngine engine, IReadOnlyList<byte[]> images)
    {
        long start = Stopwatch.GetTimestamp();
        return await Task.WhenAll(images.Select(image => Task.Run(() => OneAsync(engine, image, start))));
    }

    private static async Task<ServerSample> OneAsync(MultimodalEngine engine, byte[] image, long start)
    {
        ChatTurn[] conversation = [new("user", ImageInput.FromEncoded(image), ServerRequests.Question)];
        double first = double.NaN;
        await foreach (var update in engine.ChatAsync(conversation, ServerRequests.Sampling))
        {
            if (update.Text.Length > 0 && double.IsNaN(first))
            {
                first = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }

            if (update.Usage is { } usage)
            {
                return new ServerSample(first, Stopwatch.GetElapsedTime(start).TotalMilliseconds, usage.CompletionTokens);
            }
        }

        throw new InvalidOperationException("The engine's stream ended without usage.");
    }
}
