using System.Runtime.CompilerServices;
using System.Text;
using LocalMultimodal.Generation;
using LocalMultimodal.Prompts;
using Microsoft.Extensions.Logging;

namespace LocalMultimodal.Tools;

/// <summary>
/// Turns a generation stream into text and tool calls: text streams as it comes (held back only while it could be the
/// start of a call), a call is handed out whole when it closes, and the finish reason becomes
/// <see cref="FinishReason.ToolCalls"/> when the model ended its turn after calling. A call that does not parse is
/// given out as text with a logged warning.
/// </summary>
internal static partial class ToolCallStream
{
    public static async IAsyncEnumerable<GenerationUpdate> SplitAsync(
        IAsyncEnumerable<GenerationUpdate> updates, ToolCallFormat format, ILogger logger, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var splitter = new ToolCallStreamSplitter(format);
        bool called = false;
        await foreach (GenerationUpdate update in updates.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            List<ToolCallSegment> segments = splitter.Push(update.Text);
            if (update.FinishReason is not null)
            {
                segments.AddRange(splitter.Complete());
            }

            foreach (string region in splitter.Unparsed)
            {
                LogUnparsed(logger, format.Name, region.Length > 200 ? region[..200] + "…" : region);
            }

            splitter.Unparsed.Clear();
            var text = new StringBuilder();
            List<ChatToolCall>? calls = null;
            foreach (ToolCallSegment segment in segments)
            {
                if (segment.Call is { } call)
                {
                    (calls ??= []).Add(call);
                }
                else
                {
                    text.Append(segment.Text);
                }
            }

            called |= calls is not null;
            FinishReason? reason = update.FinishReason == FinishReason.Stop && called ? FinishReason.ToolCalls : update.FinishReason;
            if (text.Length > 0 || calls is not null || reason is not null || update.TokenIds.Count > 0)
            {
                yield return new GenerationUpdate(text.ToString(), update.TokenIds, reason, update.Usage, update.Timings) { ToolCalls = calls };
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A tool call in the {Format} format did not parse, so it is returned as text: {Region}")]
    private static partial void LogUnparsed(ILogger logger, string format, string region);
}
