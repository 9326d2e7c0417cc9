using LocalMultimodal.Errors;

namespace LocalMultimodal.Sampling;

/// <summary>How the next token is chosen and when generation stops. Defaults follow OpenAI's API.</summary>
public sealed class SamplingOptions
{
    /// <summary>The most tokens to generate; null generates until the end of turn or the context is full.</summary>
    public int? MaxTokens { get; set; }

    /// <summary>0 picks the most likely token every time (greedy); higher values are more random. 0 to 2.</summary>
    public float Temperature { get; set; } = 1.0f;

    /// <summary>Nucleus sampling: keep the smallest set of tokens whose probability reaches this. 0 (exclusive) to 1.</summary>
    public float TopP { get; set; } = 1.0f;

    /// <summary>Keep only the k most likely tokens; 0 disables it.</summary>
    public int TopK { get; set; }

    /// <summary>Drop tokens less likely than this fraction of the most likely one; 0 disables it. 0 to 1.</summary>
    public float MinP { get; set; }

    /// <summary>The random seed; null picks one. The same seed and input give the same output.</summary>
    public uint? Seed { get; set; }

    /// <summary>Multiplicative penalty on tokens already present (llama.cpp's repeat penalty); 1 disables it.</summary>
    public float RepetitionPenalty { get; set; } = 1.0f;

    /// <summary>OpenAI's frequency penalty, -2 to 2.</summary>
    public float FrequencyPenalty { get; set; }

    /// <summary>OpenAI's presence penalty, -2 to 2.</summary>
    public float PresencePenalty { get; set; }

    /// <summary>How many recent tokens the penalties look at.</summary>
    public int PenaltyLastN { get; set; } = 64;

    /// <summary>Texts that end generation when produced; the stop text itself is not returned.</summary>
    public IList<string> StopSequences { get; set; } = [];

    /// <summary>Keep generating past the end-of-turn token (for benchmarks).</summary>
    public bool IgnoreEndOfSequence { get; set; }

    /// <summary>
    /// Holds the output to a grammar (GBNF, or JSON by schema through <see cref="GrammarConstraint"/>'s factories);
    /// null leaves it free.
    /// </summary>
    public GrammarConstraint? Grammar { get; set; }

    /// <summary>Greedy decoding: the most likely token every time.</summary>
    public static SamplingOptions Greedy(int? maxTokens = null) => new() { Temperature = 0, MaxTokens = maxTokens };

    /// <summary>Checks every value; throws <see cref="InvalidRequestException"/> naming the first one out of range.</summary>
    public void Validate()
    {
        Require(MaxTokens is null or >= 1 and <= 1_000_000, "max_tokens", "must be from 1 to 1000000");
        Require(float.IsFinite(Temperature) && Temperature is >= 0 and <= 2, "temperature", "must be from 0 to 2");
        Require(float.IsFinite(TopP) && TopP is > 0 and <= 1, "top_p", "must be greater than 0 and at most 1");
        Require(TopK is >= 0 and <= 100_000, "top_k", "must be from 0 to 100000");
        Require(float.IsFinite(MinP) && MinP is >= 0 and <= 1, "min_p", "must be from 0 to 1");
        Require(float.IsFinite(RepetitionPenalty) && RepetitionPenalty is > 0 and <= 10, "repetition_penalty", "must be greater than 0 and at most 10");
        Require(float.IsFinite(FrequencyPenalty) && FrequencyPenalty is >= -2 and <= 2, "frequency_penalty", "must be from -2 to 2");
        Require(float.IsFinite(PresencePenalty) && PresencePenalty is >= -2 and <= 2, "presence_penalty", "must be from -2 to 2");
        Require(PenaltyLastN is >= 0 and <= 65_536, "penalty_last_n", "must be from 0 to 65536");
        Require(StopSequences.Count <= 16, "stop", "may hold at most 16 sequences");
        Require(StopSequences.All(s => !string.IsNullOrEmpty(s) && s.Length <= 256), "stop", "sequences must be 1 to 256 characters");
        if (Grammar is not null)
        {
            GrammarRules.Validate(Grammar);
        }
    }

    private static void Require(bool ok, string param, string rule)
    {
        if (!ok)
        {
            throw new InvalidRequestException($"{param} {rule}.", "invalid_sampling_parameter") { Param = param };
        }
    }
}
