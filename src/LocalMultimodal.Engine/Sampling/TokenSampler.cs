using System.Runtime.InteropServices;
using LLama.Native;
using LocalMultimodal.Native;

namespace LocalMultimodal.Sampling;

/// <summary>
/// Picks each token of one request: a llama.cpp sampler chain, and an optional grammar kept outside it.
/// </summary>
/// <remarks>
/// Applying a grammar to the whole vocabulary costs far more than sampling, so the grammar is asked about single
/// tokens first, as llama.cpp's <c>common_sampler_sample</c> does. For plain sampling (no penalties, no truncation)
/// those are the likeliest tokens in order (greedy) or repeated draws from the whole distribution (temperature); the
/// first allowed one is what filtering first would have picked (greedy), or a draw from the allowed tokens alone
/// (temperature). Otherwise the chain samples freely and only its choice is checked. When the single tokens are
/// refused, the grammar filters the candidates, walking the vocabulary's prefix tree so a refused token's whole
/// subtree is refused unasked (<see cref="VocabularyPrefixes"/>); the chain then picks among the allowed ones.
/// </remarks>
internal sealed unsafe class TokenSampler : IDisposable
{
    // Single tokens asked about before filtering every candidate: a few cost far less than one filter of thousands.
    private const int SingleChecks = 32;

    private readonly SafeLLamaSamplerChainHandle _chain;
    private readonly GrammarSampler? _grammar;
    private readonly int _vocabSize;
    private readonly int _endToken;
    private readonly VocabularyPrefixes? _prefixes;
    private readonly bool[] _byteAllowed = new bool[256];
    private readonly bool[]? _allowed;
    private readonly bool _plain;
    private readonly float _temperature;
    private readonly Random? _random;
    private readonly double[]? _cumulative;
    private readonly int[]? _likeliest;
    private NativeTokenData* _candidates;

    public TokenSampler(SafeLLamaSamplerChainHandle chain, GrammarSampler? grammar, SafeLlamaModelHandle model, SamplingOptions options)
    {
        _chain = chain;
        _grammar = grammar;
        if (grammar is not null)
        {
            var vocab = model.Vocab;
            _vocabSize = vocab.Count;
            _endToken = (int)(vocab.EOT ?? vocab.EOS ?? default);
            _candidates = (NativeTokenData*)NativeMemory.Alloc((nuint)_vocabSize, (nuint)sizeof(NativeTokenData));
            _prefixes = VocabularyPrefixes.For(model);
            _allowed = new bool[_vocabSize];
            _temperature = options.Temperature;
            _plain = IsPlain(options);
            if (_plain && _temperature == 0)
            {
                _likeliest = new int[SingleChecks];
            }
            else if (_plain)
            {
                _cumulative = new double[_vocabSize];
                _random = options.Seed is { } seed ? new Random(unchecked((int)seed)) : new Random();
            }
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

        int token;
        if (_plain)
        {
            _prefixes!.ProbeFirstBytes(grammar, _byteAllowed);
            token = _temperature == 0 ? LikeliestAllowed(logits, grammar)
                : AdmissibleCount() < _vocabSize / 4 ? -1
                : DrawAllowed(logits, grammar);
        }
        else
        {
            token = FreeChoice(logits, chain);
            if (!Allows(grammar, token))
            {
                _prefixes!.ProbeFirstBytes(grammar, _byteAllowed);
                token = -1;
            }
        }

        if (token < 0)
        {
            var candidates = FilterAllowed(logits, grammar);
            if (candidates.Size == 0)
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

    // Penalties and truncation (top-k, top-p, min-p) act on the allowed tokens as a set, which single draws cannot see.
    private static bool IsPlain(SamplingOptions options) =>
        options.RepetitionPenalty == 1 && options.FrequencyPenalty == 0 && options.PresencePenalty == 0
        && (options.Temperature == 0 || (options.TopK == 0 && options.TopP >= 1 && options.MinP <= 0));

    private static bool Allows(nint grammar, int token)
    {
        var single = new NativeTokenData { Id = token, Logit = 1, P = 0 };
        var array = new NativeTokenDataArray { Data = &single, Size = 1, Selected = -1, Sorted = false };
        LlamaExports.Apply(grammar, &array);
        return !float.IsNegativeInfinity(single.Logit);
    }

    // Few admissible tokens (the grammar wants punctuation, digits or a keyword) are filtered at once for less than
    // the softmax over the whole vocabulary that drawing needs.
    private int AdmissibleCount()
    {
        int count = 0;
        for (int b = 0; b < 256; b++)
        {
            count += _byteAllowed[b] ? _prefixes!.StartingWith[b] : 0;
        }

        return count;
    }

    private bool Admissible(int token)
    {
        short first = _prefixes!.FirstByte[token];
        return first == VocabularyPrefixes.AlwaysAsked || _byteAllowed[first];
    }

    /// <summary>
    /// Greedy under the grammar: the allowed token of highest logit, the lowest id among equals (as llama.cpp's greedy
    /// sampler picks), found by asking about the likeliest admissible tokens in that order; -1 if none of them is allowed.
    /// </summary>
    private int LikeliestAllowed(float* logits, nint grammar)
    {
        int[] likeliest = _likeliest!;
        int count = 0;
        for (int token = 0; token < _vocabSize; token++)
        {
            float logit = logits[token];
            if (!Admissible(token) || (count == likeliest.Length && !(logit > logits[likeliest[count - 1]])))
            {
                continue;
            }

            // Insert in order of logit, after equals (so lower ids stay first), dropping the last when full.
            int at = count < likeliest.Length ? count++ : count - 1;
            while (at > 0 && logit > logits[likeliest[at - 1]])
            {
                likeliest[at] = likeliest[at - 1];
                at--;
            }

            likeliest[at] = token;
        }

        for (int i = 0; i < count; i++)
        {
            if (Allows(grammar, likeliest[i]))
            {
                return likeliest[i];
            }
        }

        return -1;
    }

    /// <summary>
    /// Temperature sampling under the grammar by rejection: draws from the admissible tokens until the grammar allows
    /// one, which is then a draw from the allowed tokens alone; -1 after <see cref="SingleChecks"/> draws refused, when
    /// filtering is cheaper. Giving up after refusals leaves the distribution exact: the filtered pick that follows
    /// is from the same allowed distribution.
    /// </summary>
    private int DrawAllowed(float* logits, nint grammar)
    {
        float max = float.NegativeInfinity;
        for (int token = 0; token < _vocabSize; token++)
        {
            if (logits[token] > max && Admissible(token))
            {
                max = logits[token];
            }
        }

        if (float.IsNegativeInfinity(max))
        {
            return -1;
        }

        // Softmax weights at the temperature, as llama.cpp's temperature and distribution samplers compute them.
        double[] cumulative = _cumulative!;
        double scale = 1.0 / _temperature;
        double total = 0;
        for (int token = 0; token < _vocabSize; token++)
        {
            if (Admissible(token))
            {
                total += Math.Exp((logits[token] - max) * scale);
            }

            cumulative[token] = total;
        }

        int refused = -1;
        for (int draw = 0; draw < SingleChecks; draw++)
        {
            int token = FirstAbove(cumulative, _random!.NextDouble() * total);
            if (token == refused || token == _vocabSize)
            {
                continue;
            }

            if (Allows(grammar, token))
            {
                return token;
            }

            refused = token;
        }

        return -1;
    }

    // The first index whose running total exceeds the target: the token the target falls in.
    private int FirstAbove(double[] cumulative, double target)
    {
        int low = 0;
        int high = _vocabSize;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (cumulative[middle] > target)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    /// <summary>The candidates the grammar allows, in id order (after <see cref="VocabularyPrefixes.ProbeFirstBytes"/>).</summary>
    private NativeTokenDataArray FilterAllowed(float* logits, nint grammar)
    {
        bool[] allowed = _allowed!;
        _prefixes!.MarkAllowed(grammar, _byteAllowed, allowed, _candidates);
        int kept = 0;
        for (int token = 0; token < _vocabSize; token++)
        {
            if (allowed[token])
            {
                _candidates[kept++] = new NativeTokenData { Id = token, Logit = logits[token], P = 0 };
            }
        }

        return new NativeTokenDataArray { Data = _candidates, Size = (nuint)kept, Selected = -1, Sorted = false };
    }

    // The chain's choice over the whole vocabulary, without the grammar.
    private int FreeChoice(float* logits, nint chain)
    {
        for (int i = 0; i < _vocabSize; i++)
        {
            _candidates[i] = new NativeTokenData { Id = i, Logit = logits[i], P = 0 };
        }

        var candidates = new NativeTokenDataArray { Data = _candidates, Size = (nuint)_vocabSize, Selected = -1, Sorted = false };
        LlamaExports.Apply(chain, &candidates);
        return candidates.Data[candidates.Selected].Id;
    }
}
