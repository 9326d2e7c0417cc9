using System.Globalization;
using System.Text.Json;
using LocalMultimodal.Errors;
using LocalMultimodal.Sampling;
using Microsoft.Extensions.AI;

namespace LocalMultimodal.AI.Mapping;

/// <summary>
/// Turns <see cref="ChatOptions"/> into engine sampling options. Whatever the engine cannot honour is refused with
/// <see cref="NotSupportedException"/>, never dropped.
/// </summary>
internal static class SamplingOptionsMapper
{
    public static SamplingOptions Map(ChatOptions? options, IChatClient client)
    {
        if (options is null)
        {
            return new SamplingOptions();
        }

        RefuseUnsupported(options);

        // A SamplingOptions from the factory is the starting point; every ChatOptions value that is set wins over it.
        // It is copied, because factories often hand out one shared instance.
        var sampling = options.RawRepresentationFactory?.Invoke(client) switch
        {
            null => new SamplingOptions(),
            SamplingOptions raw => Copy(raw),
            var other => throw new NotSupportedException(
                $"RawRepresentationFactory returned a {other.GetType().Name}; this client takes a {nameof(SamplingOptions)}."),
        };

        sampling.MaxTokens = options.MaxOutputTokens ?? sampling.MaxTokens;
        sampling.Temperature = options.Temperature ?? sampling.Temperature;
        sampling.TopP = options.TopP ?? sampling.TopP;
        sampling.TopK = options.TopK ?? sampling.TopK;
        sampling.FrequencyPenalty = options.FrequencyPenalty ?? sampling.FrequencyPenalty;
        sampling.PresencePenalty = options.PresencePenalty ?? sampling.PresencePenalty;

        // The engine's seed is 32 bits; the low 32 bits keep "same seed, same output".
        sampling.Seed = options.Seed is { } seed ? unchecked((uint)seed) : sampling.Seed;
        if (options.StopSequences is { Count: > 0 } stops)
        {
            sampling.StopSequences = [.. stops];
        }

        sampling.MinP = Read(options, LocalMultimodalPropertyNames.MinP, sampling.MinP);
        sampling.RepetitionPenalty = Read(options, LocalMultimodalPropertyNames.RepeatPenalty, sampling.RepetitionPenalty);
        sampling.PenaltyLastN = Read(options, LocalMultimodalPropertyNames.PenaltyLastN, sampling.PenaltyLastN);
        sampling.Grammar = ResponseGrammar(options.ResponseFormat) ?? sampling.Grammar;
        return sampling;
    }

    private static void RefuseUnsupported(ChatOptions options)
    {
        if (options.ResponseFormat is { } format and not (ChatResponseFormatText or ChatResponseFormatJson))
        {
            throw new NotSupportedException($"ResponseFormat {format.GetType().Name} is not supported: only text and JSON are.");
        }

        if (options.ConversationId is { } conversation)
        {
            throw new NotSupportedException(
                $"ConversationId '{conversation}' is not supported: this client keeps no conversations; send the whole history.");
        }
    }

    /// <summary>JSON output is held to a grammar: any object for <see cref="ChatResponseFormat.Json"/>, else the schema.</summary>
    private static GrammarConstraint? ResponseGrammar(ChatResponseFormat? format) => format switch
    {
        ChatResponseFormatJson { Schema: { } schema } => GrammarConstraint.ForJsonSchema(schema),
        ChatResponseFormatJson => GrammarConstraint.ForJsonObject(),
        _ => null,
    };

    private static T Read<T>(ChatOptions options, string key, T fallback)
        where T : struct
    {
        if (options.AdditionalProperties is not { } properties || !properties.TryGetValue(key, out object? raw))
        {
            return fallback;
        }

        // Options bound from JSON (a server, a stored agent definition) carry numbers as JsonElement.
        object? value = raw is JsonElement { ValueKind: JsonValueKind.Number } json ? json.GetDouble() : raw;
        try
        {
            return value is IConvertible convertible and not string
                ? (T)convertible.ToType(typeof(T), CultureInfo.InvariantCulture)
                : throw new InvalidCastException();
        }
        catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException)
        {
            throw new InvalidRequestException(
                $"ChatOptions.AdditionalProperties[\"{key}\"] must be a number, was '{raw}'.", "invalid_sampling_parameter", e) { Param = key };
        }
    }

    private static SamplingOptions Copy(SamplingOptions raw) => new()
    {
        MaxTokens = raw.MaxTokens,
        Temperature = raw.Temperature,
        TopP = raw.TopP,
        TopK = raw.TopK,
        MinP = raw.MinP,
        Seed = raw.Seed,
        RepetitionPenalty = raw.RepetitionPenalty,
        FrequencyPenalty = raw.FrequencyPenalty,
        PresencePenalty = raw.PresencePenalty,
        PenaltyLastN = raw.PenaltyLastN,
        StopSequences = [.. raw.StopSequences],
        IgnoreEndOfSequence = raw.IgnoreEndOfSequence,
        Grammar = raw.Grammar,
    };
}
