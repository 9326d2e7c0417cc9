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
/// only when it refuses that token is the step redone with the grammar filtering the candidates before the chain.
/// The result is the same distribution as grammar-then-chain, since an allowed token keeps its relative weight. The
/// redo passes the grammar only the tokens whose first byte it accepts (<see cref="VocabularyFirstBytes"/>).
/// </remarks>
internal sealed unsafe class TokenSampler : IDisposable
{
    private readonly SafeLLamaSamplerChainHandle _chain;
    private readonly GrammarSampler? _grammar;
    private readonly int _vocabSize;
    private readonly int _endToken;
    private readonly VocabularyFirstBytes? _firstBytes;
    private readonly bool[] _byteAllowed = new bool[256];
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
            _firstBytes = VocabularyFirstBytes.For(model);
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
            candidates = FillAdmissible(logits, grammar);
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

    /// <summary>
    /// The candidates whose first byte the grammar accepts now (and those without text, which it judges itself):
    /// the grammar would refuse every other one, so leaving them out changes nothing but the work.
    /// </summary>
    private NativeTokenDataArray FillAdmissible(float* logits, nint grammar)
    {
        var byteTokens = _firstBytes!.ByteToken;
        NativeTokenData* probe = stackalloc NativeTokenData[256];
        int probes = 0;
        for (int b = 0; b < 256; b++)
        {
            if (byteTokens[b] >= 0)
            {
                probe[probes++] = new NativeTokenData { Id = byteTokens[b], Logit = 0, P = 0 };
            }

            // A byte no token spells alone cannot be asked about: its tokens all go to the grammar.
            _byteAllowed[b] = byteTokens[b] < 0;
        }

        var probeArray = new NativeTokenDataArray { Data = probe, Size = (nuint)probes, Selected = -1, Sorted = false };
        LlamaExports.Apply(grammar, &probeArray);
        for (int i = 0; i < probes; i++)
        {
            int id = probe[i].Id;
            _byteAllowed[_firstBytes.FirstByte[id]] = !float.IsNegativeInfinity(probe[i].Logit);
        }

        var firstByte = _firstBytes.FirstByte;
        int count = 0;
        for (int i = 0; i < _vocabSize; i++)
        {
            short first = firstByte[i];
            if (first == VocabularyFirstBytes.NoText || _byteAllowed[first])
            {
                _candidates[count++] = new NativeTokenData { Id = i, Logit = logits[i], P = 0 };
            }
        }

        return new NativeTokenDataArray { Data = _candidates, Size = (nuint)count, Selected = -1, Sorted = false };
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
