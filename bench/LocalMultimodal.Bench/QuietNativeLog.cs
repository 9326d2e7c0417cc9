using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LLama.Native;

namespace LocalMultimodal.Bench;

/// <summary>
/// Sends llama.cpp's and libmtmd's logs nowhere, so that a child's console shows only its result. Libmtmd's
/// setter (which sets llama.cpp's too) is not public in LLamaSharp 0.30.0, so it is called through the library
/// LLamaSharp loaded. An engine loaded later takes the logs over with its own (silent without a logger) sink.
/// </summary>
internal static unsafe class QuietNativeLog
{
    /// <summary>Call before any other native call.</summary>
    public static void Apply()
    {
        NativeApi.MtmdDefaultMarker(); // loads libllama and libmtmd through LLamaSharp's resolver
        if (!NativeLibrary.TryLoad("mtmd", typeof(NativeApi).Assembly, null, out nint mtmd))
        {
            throw new InvalidOperationException("libmtmd was not loaded by LLamaSharp; check the LLamaSharp backend package.");
        }

        var setLog = (delegate* unmanaged[Cdecl]<delegate* unmanaged[Cdecl]<int, byte*, void*, void>, void*, void>)
            NativeLibrary.GetExport(mtmd, "mtmd_helper_log_set");
        setLog(&Discard, null);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Discard(int level, byte* text, void* userData)
    {
    }
}
