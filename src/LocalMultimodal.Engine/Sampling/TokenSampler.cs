using System.Runtime.InteropServices;
using LLama.Native;
using LocalMultimodal.Native;

namespace LocalMultimodal.Sampling;

/// <summary>
/// Picks each token of one request: a llama.cpp sampler chain, and an optional grammar kept outside it.
/// </summary>
/// <remarks>
/// Applying a grammar to the whole vocabulary costs far more than sampling, so, as llama.cpp's
/// <c>common_sampler_sample</c> does, the chain samples freely first and the grammar checks only the chosen token;
/// only when it refuses that token is the step redone with the grammar filtering every candidate before the chain.
/// The result is the same distribution as grammar-then-chain, since an allowed token keeps its relative weight.
/// </remarks>
internal sealed unsafe class TokenSampler : IDisposable
{
    private readonly SafeLLamaSamplerChainHandle _chain;
    private readonly GrammarSampler? _grammar;
    private readonly int _vocabSize;
    private readonly int _endToken;
    private NativeTokenData* _candidates;

    public TokenSampler(SafeLLamaSamplerChainHandle chain, GrammarSampler? grammar, SafeLlamaModelHandle model)
    {
        _chain = chain;
        _grammar = grammar;
        if (grammar is not null)
        {
            var vocab = model.Vocab;
            _vocabSize = vocab.Count;
            _endToken = (int)(vocab.EOT ?? vocab.EOS ?? default);
            _candidates = (NativeTokenData*)NativeMemory.Alloc((nuint)_vocabSize, (nuint)sizeof(NativeTokenData));
        }
    }

    /// <summary>Samples from output row <paramref name="index"/> of the last decode and accepts the token.</summary>
    public LLamaToken Sample(SafeLLamaContextHandle context, int index)
    {
        if (_grammar is null)
        {
            return _chain.Sample(context, index);
        }

        float* logits = LlamaExports.Logits(context, index);
        nint chain = _chain.DangerousGetHandle();
        nint grammar = _grammar.DangerousGetHandle();

        var candidates = Fill(logits);
        LlamaExports.Apply(chain, &candidates);
        int token = candidates.Data[candidates.Selected].Id;
        if (!Allows(grammar, token))
        {
            candidates = Fill(logits);
            LlamaExports.Apply(grammar, &candidates);
            if (!AnyAllowed(candidates))
            {
                // A grammar no token of this vocabulary can continue: end the turn rather than hand llama.cpp a
                // token its grammar would refuse (it aborts the process on that).
                return (LLamaToken)_endToken;
            }

            LlamaExports.Apply(chain, &candidates);
            token = candidates.Data[candidates.Selected].Id;
        }

        LlamaExports.Accept(grammar, token);
        LlamaExports.Accept(chain, token);
        return (LLamaToken)token;
    }

    public void Dispose()
    {
        _chain.Dispose();
        _grammar?.Dispose();
        if (_candidates != null)
        {
            NativeMemory.Free(_candidates);
            _candidates = null;
        }
    }

    private static bool Allows(nint grammar, int token)
    {
        var single = new NativeTokenData { Id = token, Logit = 1, P = 0 };
        var array = new NativeTokenDataArray { Data = &single, Size = 1, Selected = -1, Sorted = false };
        LlamaExports.Apply(grammar, &array);
        return !float.IsNegativeInfinity(single.Logit);
    }

    private static bool AnyAllowed(NativeTokenDataArray candidates)
    {
        for (nuint i = 0; i < candidates.Size; i++)
        {
            if (!float.IsNegativeInfinity(candidates.Data[i].Logit))
            {
                return true;
            }
        }

        return false;
    }

    private NativeTokenDataArray Fill(float* logits)
    {
        for (int i = 0; i < _vocabSize; i++)
        {
            _candidates[i] = new NativeTokenData { Id = i, Logit = logits[i], P = 0 };
        }

        return new NativeTokenDataArray { Data = _candidates, Size = (nuint)_vocabSize, Selected = -1, Sorted = false };
    }
}
