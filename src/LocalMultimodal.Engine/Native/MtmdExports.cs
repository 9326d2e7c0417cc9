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
