using System.Text;

namespace LocalMultimodal.Generation;

/// <summary>Helpers for streamed answers.</summary>
public static class GenerationStreamExtensions
{
    /// <summary>Reads a whole stream into one result.</summary>
    public static async Task<GenerationResult> CollectAsync(this IAsyncEnumerable<GenerationUpdate> updates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updates);
        var text = new StringBuilder();
        var tokens = new List<int>();
        var calls = new List<Prompts.ChatToolCall>();
        await foreach (var update in updates.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            text.Append(update.Text);
            tokens.AddRange(update.TokenIds);
            calls.AddRange(update.ToolCalls ?? []);
            if (update.FinishReason is { } reason)
            {
                return new GenerationResult(text.ToString(), tokens, reason, update.Usage!, update.Timings!) { ToolCalls = calls };
            }
        }

        throw new InvalidOperationException("The stream ended without a finish reason.");
    }
}
