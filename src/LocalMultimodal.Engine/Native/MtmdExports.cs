using System.Runtime.InteropServices;
using LLama.Native;

namespace LocalMultimodal.Native;

/// <summary>
/// Functions libmtmd exports but LLamaSharp 0.30.0 does not make public. They are reached through
/// the library handle LLamaSharp already loaded, so the same native build serves both.
/// </summary>
internal static unsafe class MtmdExports
{
    private static readonly Lazy<nint> Library = new(LoadLibrary);

    public static nint Get(string name) => NativeLibrary.GetExport(Library.Value, name);

    /// <summary>Runs the projector on a media chunk; the output is read with <see cref="OutputEmbeddings"/>.</summary>
    public static int EncodeChunk(SafeMtmdModelHandle mtmd, nint chunk)
    {
        var encode = (delegate* unmanaged[Cdecl]<nint, nint, int>)EncodePointer.Value;
        return encode(mtmd.DangerousGetHandle(), chunk);
    }

    /// <summary>The projector output of the last <see cref="EncodeChunk"/>: n_tokens times n_embd floats.</summary>
    public static float* OutputEmbeddings(SafeMtmdModelHandle mtmd)
    {
        var get = (delegate* unmanaged[Cdecl]<nint, float*>)OutputPointer.Value;
        return get(mtmd.DangerousGetHandle());
    }

    /// <summary>
    /// libmtmd's own prefill of a whole prompt into one sequence (<c>mtmd_helper_eval_chunks</c>), the reference
    /// the engine's batches are checked against. Returns 0 on success and the next position in <paramref name="nextPosition"/>.
    /// </summary>
    public static int HelperEvalChunks(SafeMtmdModelHandle mtmd, SafeLLamaContextHandle context, NativeChunks chunks, int position, int sequence, int batchSize, bool logitsLast, out int nextPosition)
    {
        int next = position;
        int rc = ((delegate* unmanaged[Cdecl]<nint, nint, nint, int, int, int, byte, int*, int>)HelperEvalPointer.Value)(
            mtmd.DangerousGetHandle(), context.DangerousGetHandle(), chunks.Handle, position, sequence, batchSize, logitsLast ? (byte)1 : (byte)0, &next);
        nextPosition = next;
        return rc;
    }

    private static readonly Lazy<nint> HelperEvalPointer = new(() => Get("mtmd_helper_eval_chunks"));

    /// <summary>The merged-token grid (nx, ny) of an image chunk, from which M-RoPE positions are laid out.</summary>
    public static (int Width, int Height) ImageGrid(nint chunk)
    {
        nint image = ((delegate* unmanaged[Cdecl]<nint, nint>)ImageTokensPointer.Value)(chunk);
        if (image == 0)
        {
            throw new InvalidOperationException("libmtmd returned no image tokens for an image chunk.");
        }

        nuint width = ((delegate* unmanaged[Cdecl]<nint, nuint>)GridWidthPointer.Value)(image);
        nuint height = ((delegate* unmanaged[Cdecl]<nint, nuint>)GridHeightPointer.Value)(image);
        return (checked((int)width), checked((int)height));
    }

    private static readonly Lazy<nint> ImageTokensPointer = new(() => Get("mtmd_input_chunk_get_tokens_image"));
    private static readonly Lazy<nint> GridWidthPointer = new(() => Get("mtmd_image_tokens_get_nx"));
    private static readonly Lazy<nint> GridHeightPointer = new(() => Get("mtmd_image_tokens_get_ny"));
    private static readonly Lazy<nint> EncodePointer = new(() => Get("mtmd_encode_chunk"));
    private static readonly Lazy<nint> OutputPointer = new(() => Get("mtmd_get_output_embd"));

    private static nint LoadLibrary()
    {
        // Makes LLamaSharp load libmtmd first; TryLoad then returns that same loaded library.
        NativeApi.MtmdDefaultMarker();
        if (NativeLibrary.TryLoad("mtmd", typeof(NativeApi).Assembly, null, out nint handle))
        {
            return handle;
        }

        throw new InvalidOperationException("libmtmd was not loaded by LLamaSharp; check the LLamaSharp backend package.");
    }
}
