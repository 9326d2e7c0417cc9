using System.Diagnostics;
using LocalMultimodal.Generation;

namespace LocalMultimodal;

/// <summary>
/// The engine's trace source. Listen to <see cref="ActivitySourceName"/> (OpenTelemetry: <c>AddSource</c>) to see,
/// per request, where the time went: media decoding, the queue, encoding (projector runs; media cache hits count in <c>localmm.usage.cached_tokens</c>),
/// prefill and decoding, as child spans of the caller's current activity.
/// </summary>
public static class EngineTelemetry
{
    /// <summary>The name of the engine's <see cref="ActivitySource"/>.</summary>
    public const string ActivitySourceName = "LocalMultimodal.Engine";

    internal static ActivitySource Source { get; } = new(ActivitySourceName, typeof(EngineTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>
    /// Records the stages the inference loop timed (it runs on its own thread, away from the caller's activity) as
    /// spans under <paramref name="parent"/>, laid end to end from the request's submission.
    /// </summary>
    internal static void RecordStages(ActivityContext parent, DateTimeOffset submitted, GenerationTimings timings, TokenUsage usage)
    {
        if (!Source.HasListeners())
        {
            return;
        }

        var start = submitted;
        start = Stage(parent, "localmm.queue", start, timings.Queued, null);
        start = Stage(parent, "localmm.encode", start, timings.Encode, usage);
        start = Stage(parent, "localmm.prefill", start, timings.Prefill, usage);
        Stage(parent, "localmm.decode", start, timings.Decode, usage);
    }

    private static DateTimeOffset Stage(ActivityContext parent, string name, DateTimeOffset start, TimeSpan duration, TokenUsage? usage)
    {
        using var activity = Source.StartActivity(name, ActivityKind.Internal, parent, startTime: start);
        if (activity is not null)
        {
            if (usage is not null)
            {
                activity.SetTag("gen_ai.usage.input_tokens", usage.PromptTokens);
                activity.SetTag("gen_ai.usage.output_tokens", usage.CompletionTokens);
                activity.SetTag("localmm.usage.cached_tokens", usage.CachedPromptTokens);
            }

            activity.SetEndTime((start + duration).UtcDateTime);
        }

        return start + duration;
    }
}
