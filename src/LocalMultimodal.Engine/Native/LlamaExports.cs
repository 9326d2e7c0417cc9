using System.Runtime.InteropServices;
using LLama.Native;

namespace LocalMultimodal.Native;

/// <summary>
/// libllama functions called directly, for what LLamaSharp 0.30.0's batch types cannot express: its
/// <c>LLamaBatchEmbeddings</c> gives one position per row, and an M-RoPE model reads four (see <see cref="EmbeddingBatch"/>).
/// Reached through the library LLamaSharp already loaded, so the same native build serves both.
/// </summary>
internal static unsafe class LlamaExports
{
    private static readonly Lazy<nint> Library = new(LoadLibrary);
    private static readonly Lazy<nint> DecodePointer = new(() => NativeLibrary.GetExport(Library.Value, "llama_decode"));

    /// <summary><c>llama_decode</c>: 0 ok, 1 no room in the KV cache, other values errors.</summary>
    public static int Decode(SafeLLamaContextHandle context, NativeBatch batch) =>
        ((delegate* unmanaged[Cdecl]<nint, NativeBatch, int>)DecodePointer.Value)(context.DangerousGetHandle(), batch);

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
}
