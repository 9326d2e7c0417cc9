using LLama.Native;

namespace LocalMultimodal.Sampling;

/// <summary>Builds a llama.cpp sampler chain for one request, in llama.cpp's usual order.</summary>
internal static class SamplerFactory
{
    public static SafeLLamaSamplerChainHandle Create(SamplingOptions options)
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
