using System.Runtime.InteropServices;
using LLama.Native;

namespace LocalMultimodal.Native;

/// <summary>
/// libllama functions called directly rather than through LLamaSharp 0.30.0. Its grammar wrappers are unsafe: its
/// <c>AddLazyGrammar</c> P/Invoke drops the <c>n_patterns</c> argument (every later argument shifts and the process
/// dies inside the call), and its <c>AddGrammar</c> hands llama.cpp's NULL for an unparsable grammar to the chain
/// unchecked. Its batch types cannot express M-RoPE: <c>LLamaBatchEmbeddings</c> gives one position per row, and an
/// M-RoPE model reads four (see <see cref="EmbeddingBatch"/>). Reached through the library handle LLamaSharp already
/// loaded, so the same native build serves both.
/// </summary>
internal static unsafe class LlamaExports
{
    private static readonly Lazy<nint> Library = new(LoadLibrary);

    private static readonly Lazy<nint> ModelGetVocabPointer = new(() => Get("llama_model_get_vocab"));
    private static readonly Lazy<nint> VocabTokenCountPointer = new(() => Get("llama_vocab_n_tokens"));
    private static readonly Lazy<nint> LogitsPointer = new(() => Get("llama_get_logits_ith"));
    private static readonly Lazy<nint> InitGrammarPointer = new(() => Get("llama_sampler_init_grammar"));
    private static readonly Lazy<nint> InitLazyGrammarPointer = new(() => Get("llama_sampler_init_grammar_lazy_patterns"));
    private static readonly Lazy<nint> ApplyPointer = new(() => Get("llama_sampler_apply"));
    private static readonly Lazy<nint> AcceptPointer = new(() => Get("llama_sampler_accept"));
    private static readonly Lazy<nint> FreePointer = new(() => Get("llama_sampler_free"));
    private static readonly Lazy<nint> TokenToPiecePointer = new(() => Get("llama_token_to_piece"));
    private static readonly Lazy<nint> DecodePointer = new(() => Get("llama_decode"));

    /// <summary><c>llama_decode</c>: 0 ok, 1 no room in the KV cache, other values errors.</summary>
    public static int Decode(SafeLLamaContextHandle context, NativeBatch batch) =>
        ((delegate* unmanaged[Cdecl]<nint, NativeBatch, int>)DecodePointer.Value)(context.DangerousGetHandle(), batch);

    /// <summary>The <c>llama_vocab*</c> of a loaded model.</summary>
    public static nint ModelVocab(SafeLlamaModelHandle model)
    {
        var get = (delegate* unmanaged[Cdecl]<nint, nint>)ModelGetVocabPointer.Value;
        return get(model.DangerousGetHandle());
    }

    public static int VocabTokenCount(nint vocab)
    {
        var get = (delegate* unmanaged[Cdecl]<nint, int>)VocabTokenCountPointer.Value;
        return get(vocab);
    }

    /// <summary>The logits of output row <paramref name="index"/> of the last decode, n_vocab floats.</summary>
    public static float* Logits(SafeLLamaContextHandle context, int index)
    {
        var get = (delegate* unmanaged[Cdecl]<nint, int, float*>)LogitsPointer.Value;
        return get(context.DangerousGetHandle(), index);
    }

    /// <summary>A grammar sampler, or 0 when llama.cpp cannot parse the grammar (it logs why).</summary>
    public static nint InitGrammar(nint vocab, string grammar, string root)
    {
        var init = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, nint>)InitGrammarPointer.Value;
        using var grammarText = new Utf8String(grammar);
        using var rootText = new Utf8String(root);
        return init(vocab, grammarText.Pointer, rootText.Pointer);
    }

    /// <summary>
    /// A lazy grammar sampler that lets everything through until a trigger token is sampled or a trigger pattern
    /// matches the whole text so far; 0 when llama.cpp cannot parse the grammar.
    /// </summary>
    public static nint InitLazyGrammar(nint vocab, string grammar, string root, IReadOnlyList<string> patterns, IReadOnlyList<int> tokens)
    {
        var init = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, byte**, nuint, int*, nuint, nint>)InitLazyGrammarPointer.Value;
        using var grammarText = new Utf8String(grammar);
        using var rootText = new Utf8String(root);
        var patternTexts = patterns.Select(p => new Utf8String(p)).ToArray();
        try
        {
            byte** patternPointers = stackalloc byte*[Math.Max(1, patternTexts.Length)];
            for (int i = 0; i < patternTexts.Length; i++)
            {
                patternPointers[i] = patternTexts[i].Pointer;
            }

            int[] tokenArray = [.. tokens];
            fixed (int* tokenPointer = tokenArray)
            {
                return init(
                    vocab, grammarText.Pointer, rootText.Pointer,
                    patternTexts.Length == 0 ? null : patternPointers, (nuint)patternTexts.Length,
                    tokenArray.Length == 0 ? null : tokenPointer, (nuint)tokenArray.Length);
            }
        }
        finally
        {
            foreach (var text in patternTexts)
            {
                text.Dispose();
            }
        }
    }

    /// <summary><c>llama_sampler_apply</c>: filters or picks from the candidates in place.</summary>
    public static void Apply(nint sampler, NativeTokenDataArray* candidates)
    {
        var apply = (delegate* unmanaged[Cdecl]<nint, NativeTokenDataArray*, void>)ApplyPointer.Value;
        apply(sampler, candidates);
    }

    /// <summary><c>llama_sampler_accept</c>: tells the sampler which token was chosen.</summary>
    public static void Accept(nint sampler, int token)
    {
        var accept = (delegate* unmanaged[Cdecl]<nint, int, void>)AcceptPointer.Value;
        accept(sampler, token);
    }

    /// <summary>The bytes of a token as the grammar sees them (special tokens rendered), written into <paramref name="buffer"/>; the count, or minus the size needed.</summary>
    public static int TokenToPiece(nint vocab, int token, Span<byte> buffer)
    {
        var toPiece = (delegate* unmanaged[Cdecl]<nint, int, byte*, int, int, byte, int>)TokenToPiecePointer.Value;
        fixed (byte* bytes = buffer)
        {
            return toPiece(vocab, token, bytes, buffer.Length, 0, 1);
        }
    }

    public static void Free(nint sampler)
    {
        var free = (delegate* unmanaged[Cdecl]<nint, void>)FreePointer.Value;
        free(sampler);
    }

    private static nint Get(string name) => NativeLibrary.GetExport(Library.Value, name);

    private static nint LoadLibrary()
    {
        // Any call makes LLamaSharp load libllama first; TryLoad then returns that same loaded library.
        NativeApi.llama_max_devices();
        if (NativeLibrary.TryLoad("llama", typeof(NativeApi).Assembly, null, out nint handle))
        {
            return handle;
        }

        throw new InvalidOperationException("libllama was not loaded by LLamaSharp; check the LLamaSharp backend package.");
    }

    /// <summary>This libllama's <c>llama_batch</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct NativeBatch
    {
        public int TokenCount;
        public int* Tokens;
        public float* Embeddings;

        /// <summary>One position per row, or with M-RoPE four planes of <see cref="TokenCount"/> (t, y, x, unused).</summary>
        public int* Positions;
        public int* SequenceIdCounts;
        public int** SequenceIds;
        public sbyte* Logits;
    }

    /// <summary>A NUL-terminated UTF-8 copy of a string in native memory.</summary>
    private readonly struct Utf8String : IDisposable
    {
        public Utf8String(string text) => Pointer = (byte*)Marshal.StringToCoTaskMemUTF8(text);

        public byte* Pointer { get; }

        public void Dispose() => Marshal.FreeCoTaskMem((nint)Pointer);
    }
}
