using System.Diagnostics;
using LocalMultimodal.Caching;
using LocalMultimodal.Errors;
using LocalMultimodal.Loading;
using LocalMultimodal.Media;
using Microsoft.Extensions.Logging;

namespace LocalMultimodal.Scheduling;

/// <summary>
/// Starts a request in a slot: tokenizes its prompt (encoding media the caches do not hold), checks it fits
/// the context, places it in a slot with the longest reusable KV prefix, and makes its <see cref="Sequence"/>.
/// A request that cannot start is failed with the reason.
/// </summary>
internal sealed partial class Admission(EngineOptions options, LoadedModel model, PromptTokenizer tokenizer, SlotTable<Sequence> slots, CacheCounters counters, ILogger logger)
{
    public void Start(EngineRequest request)
    {
        int slot = -1;
        Sequence? sequence = null;
        try
        {
            long started = Stopwatch.GetTimestamp();
            var plan = tokenizer.Tokenize(request.Prompt);
            long encoded = Stopwatch.GetTimestamp();
            if (plan.Cells + 1 > options.ContextSize)
            {
                // The context is counted in KV cells, one per token; M-RoPE images take fewer positions than cells.
                throw new InvalidRequestException(
                    $"The prompt needs {plan.Cells} positions (text and media tokens: {Breakdown(plan)}), but the context holds {options.ContextSize}; " +
                    "shorten the prompt, send fewer or smaller media, or raise the context size.",
                    "context_length_exceeded") { Param = "messages" };
            }

            var placement = slots.Place(plan.Units, plan.Positions - 1);
            slot = placement.Slot;
            sequence = new Sequence(request, slot, plan, placement.Units, placement.Positions, model.Weights, options.ContextSize)
            {
                StartTimings = (Stopwatch.GetElapsedTime(request.SubmittedAt, started), Stopwatch.GetElapsedTime(started, encoded)),
                PrefillStartedAt = encoded,
            };
            if (sequence.RemainingSteps.OfType<UnresolvedMediaStep>().FirstOrDefault() is { } missing)
            {
                // A uuid-only item the reused KV does not cover, and whose encoding is not cached.
                throw new CacheMissException(missing.Uuid);
            }

            counters.Prefix(sequence.ReusedCells);
            slots.Occupy(slot, sequence);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            if (slot >= 0)
            {
                slots.Release(slot);
            }

            request.Fail(e is MultimodalException ? e : new InvalidOperationException("The engine failed to start this request.", e));
            sequence?.Dispose();
            if (e is not MultimodalException)
            {
                LogRequestFailed(e);
            }
        }
    }

    /// <summary>What each media item takes, in prompt order, and the text: "image 1: 1200, audio 1: 1500, text: 40".</summary>
    private static string Breakdown(PromptPlan plan)
    {
        var items = new List<(string Item, MediaModality Modality, int Cells)>();
        foreach (var step in plan.Steps)
        {
            var (key, modality) = step switch
            {
                EmbeddingStep e => (e.Key.ItemKey, e.Modality),
                UnresolvedMediaStep u => (u.Key.ItemKey, u.Modality),
                _ => (null, default),
            };
            if (key is null)
            {
                continue;
            }

            if (items.Count > 0 && items[^1].Item == key)
            {
                items[^1] = items[^1] with { Cells = items[^1].Cells + step.Cells };
            }
            else
            {
                items.Add((key, modality, step.Cells));
            }
        }

        var parts = items
            .Select((item, i) => (item, number: items.Take(i + 1).Count(o => o.Modality == item.Modality)))
            .Select(x => $"{x.item.Modality.ToString().ToLowerInvariant()} {x.number}: {x.item.Cells}")
            .Append($"text: {plan.Steps.OfType<TokenStep>().Sum(t => t.Cells)}");
        return string.Join(", ", parts);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A request failed inside the engine.")]
    private partial void LogRequestFailed(Exception error);
}
