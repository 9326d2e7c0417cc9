using System.Text;
using LLama;
using Microsoft.Win32.SafeHandles;
using LocalMultimodal.Errors;
using LocalMultimodal.Native;

namespace LocalMultimodal.Sampling;

/// <summary>
/// One llama.cpp grammar sampler, owned by one request. Creating it parses the grammar, so a grammar llama.cpp
/// cannot read fails here, as an <see cref="InvalidRequestException"/> carrying llama.cpp's own reason, before
/// anything is decoded.
/// </summary>
/// <remarks>
/// It is made off the inference thread when the request is submitted and handed to the request's sequence, which
/// frees it; a request that never reaches a slot (cancelled while queued) leaves it to the finalizer.
/// </remarks>
internal sealed class GrammarSampler : SafeHandleZeroOrMinusOneIsInvalid
{
    private const int MaxReasonLength = 400;

    private GrammarSampler(nint handle)
        : base(ownsHandle: true) => SetHandle(handle);

    /// <summary>Parses <paramref name="grammar"/> against the model's vocabulary.</summary>
    /// <exception cref="InvalidRequestException">The grammar or one of its triggers is not valid.</exception>
    public static GrammarSampler Create(GrammarConstraint grammar, LLamaWeights weights)
    {
        GrammarRules.Validate(grammar);
        foreach (string tokenName in GbnfChecker.Check(grammar.Grammar, grammar.Root))
        {
            SingleToken(tokenName, weights);
        }

        nint vocab = LlamaExports.ModelVocab(weights.NativeHandle);
        int vocabSize = LlamaExports.VocabTokenCount(vocab);
        foreach (int id in grammar.TriggerTokenIds)
        {
            if (id < 0 || id >= vocabSize)
            {
                throw new InvalidRequestException($"grammar trigger token id {id} is outside the vocabulary (0 to {vocabSize - 1}).", "invalid_grammar") { Param = "grammar" };
            }
        }

        int[] triggerTokens = [.. grammar.TriggerTokens.Select(t => SingleToken(t, weights)), .. grammar.TriggerTokenIds];

        NativeLog.BeginCapture();
        nint handle;
        IReadOnlyList<string> log;
        try
        {
            handle = grammar.IsLazy
                ? LlamaExports.InitLazyGrammar(vocab, grammar.Grammar, grammar.Root, grammar.TriggerPatterns, triggerTokens)
                : LlamaExports.InitGrammar(vocab, grammar.Grammar, grammar.Root);
        }
        finally
        {
            log = NativeLog.EndCapture();
        }

        return handle != 0
            ? new GrammarSampler(handle)
            : throw new InvalidRequestException($"grammar could not be parsed: {Reason(log)}", "invalid_grammar") { Param = "grammar" };
    }

    protected override bool ReleaseHandle()
    {
        LlamaExports.Free(handle);
        return true;
    }

    private static int SingleToken(string text, LLamaWeights weights)
    {
        var tokens = weights.Tokenize(text, add_bos: false, special: true, Encoding.UTF8);
        return tokens.Length == 1
            ? (int)tokens[0]
            : throw new InvalidRequestException(
                $"grammar token '{text}' is {tokens.Length} tokens of this model, not one.", "invalid_grammar") { Param = "grammar" };
    }

    // llama.cpp logs "parse: error parsing grammar: <why>" followed by the whole grammar; only the why is kept.
    private static string Reason(IReadOnlyList<string> log)
    {
        var reasons = log.Select(l => l.Split('\n')[0].Trim())
                         .Where(l => l.Length > 0)
                         .Select(l => l.StartsWith("parse: ", StringComparison.Ordinal) ? l["parse: ".Length..] : l)
                         .Distinct()
                         .ToList();
        string reason = reasons.Count == 0 ? "llama.cpp refused it without saying why" : string.Join("; ", reasons);
        return reason.Length <= MaxReasonLength ? reason : reason[..MaxReasonLength] + "…";
    }
}
