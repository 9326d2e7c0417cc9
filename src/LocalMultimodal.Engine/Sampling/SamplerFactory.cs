using LLama.Native;

namespace LocalMultimodal.Sampling;

/// <summary>Builds the samplers of one request, in llama.cpp's usual order.</summary>
internal static class SamplerFactory
{
    /// <summary>
    /// The chain (penalties, then truncation, temperature and the final pick) plus the request's grammar, which the
    /// <see cref="TokenSampler"/> applies ahead of the chain, as llama.cpp's common sampler does.
    /// </summary>
    public static TokenSampler Create(SamplingOptions options, GrammarSampler? grammar, SafeLlamaModelHandle model) =>
        new(CreateChain(options), grammar, model, options);

    private static SafeLLamaSamplerChainHandle CreateChain(SamplingOptions options)
    {
        var chain = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
        if (options.RepetitionPenalty != 1 || options.FrequencyPenalty != 0 || options.PresencePenalty != 0)
        {
            chain.AddPenalties(options.PenaltyLastN, options.RepetitionPenalty, options.FrequencyPenalty, options.PresencePenalty);
        }

        if (options.Temperature == 0)
        {
            chain.AddGreedySampler();
            return chain;
        }

        if (options.TopK > 0)
        {
            chain.AddTopK(options.TopK);
        }

        if (options.TopP < 1)
        {
            chain.AddTopP(options.TopP, 1);
        }

        if (options.MinP > 0)
        {
            chain.AddMinP(options.MinP, 1);
        }

        chain.AddTemperature(options.Temperature);
        chain.AddDistributionSampler(options.Seed ?? (uint)Random.Shared.Next());
        return chain;
    }
}
