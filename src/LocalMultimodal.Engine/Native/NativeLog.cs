using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using LLama.Native;
using Microsoft.Extensions.Logging;

namespace LocalMultimodal.Native;

/// <summary>
/// Routes llama.cpp's and libmtmd's logs to one place. Native code logs on the calling thread, so the
/// lines of one native call (a failed load, say) are captured per thread and become the reason in our
/// exceptions; everything is also forwarded to an <see cref="ILogger"/> at Debug level.
/// </summary>
internal static unsafe class NativeLog
{
    private const int GgmlLevelWarn = 3;
    private const int GgmlLevelError = 4;
    private const int GgmlLevelCont = 5;

    private static readonly Lock InitLock = new();
    private static bool Initialized;
    private static ILogger? Forward;

    [ThreadStatic]
    private static List<string>? Captured;

    [ThreadStatic]
    private static StringBuilder? PendingLine;

    /// <summary>Loads the native libraries and takes over their logging. Safe to call many times.</summary>
    public static void Initialize(ILogger? logger)
    {
        lock (InitLock)
        {
            Forward ??= logger;
            if (Initialized)
            {
                return;
            }

            // The first native call loads libllama and libmtmd through LLamaSharp's resolver.
            NativeApi.MtmdDefaultMarker();
            var setLog = (delegate* unmanaged[Cdecl]<delegate* unmanaged[Cdecl]<int, byte*, void*, void>, void*, void>)
                MtmdExports.Get("mtmd_helper_log_set");

            setLog(&OnLog, null);

            // llama.cpp's own log (model loading errors among it) has a setter of its own.
            if (NativeLibrary.TryLoad("llama", typeof(NativeApi).Assembly, null, out nint llama))
            {
                var setLlamaLog = (delegate* unmanaged[Cdecl]<delegate* unmanaged[Cdecl]<int, byte*, void*, void>, void*, void>)
                    NativeLibrary.GetExport(llama, "llama_log_set");
                setLlamaLog(&OnLog, null);
            }

            Initialized = true;
        }
    }

    /// <summary>Starts collecting warning and error lines logged on this thread.</summary>
    public static void BeginCapture() => Captured = [];

    /// <summary>Stops collecting and returns the lines logged on this thread since <see cref="BeginCapture"/>.</summary>
    public static IReadOnlyList<string> EndCapture()
    {
        var lines = Captured ?? [];
        Captured = null;
        return lines;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnLog(int level, byte* text, void* userData)
    {
        string piece = Marshal.PtrToStringUTF8((nint)text) ?? string.Empty;
        var line = PendingLine ??= new StringBuilder();
        line.Append(piece);
        if (!piece.EndsWith('\n'))
        {
            return;
        }

        string message = line.ToString().TrimEnd();
        line.Clear();
        if (message.Length == 0)
        {
            return;
        }

        if (level is GgmlLevelWarn or GgmlLevelError || (level == GgmlLevelCont && Captured is { Count: > 0 }))
        {
            Captured?.Add(message);
        }

        if (Forward?.IsEnabled(LogLevel.Debug) == true)
        {
            Forward.LogDebug("llama.cpp: {NativeMessage}", message);
        }
    }
}
