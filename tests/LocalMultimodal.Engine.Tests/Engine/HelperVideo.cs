using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LLama.Native;
using LocalMultimodal.Native;

namespace LocalMultimodal.Tests.Engine;

/// <summary>
/// llama.cpp's own video path, as its tools use it: <c>mtmd_helper_video_init_from_buf</c> runs ffmpeg on the file,
/// and a lazy bitmap (<c>mtmd_bitmap_init_lazy</c>) hands <c>mtmd_tokenize</c> whatever
/// <c>mtmd_helper_video_read_next</c> reads: the "Video:" text, the frames and their timestamps.
/// </summary>
internal sealed unsafe class HelperVideo : IDisposable
{
    private nint _video;
    private nint _bitmap;

    /// <param name="projector">The projector the video is for.</param>
    /// <param name="file">The encoded video.</param>
    /// <param name="fps">Frames per second to read; 0 reads the video's own rate.</param>
    public HelperVideo(SafeMtmdModelHandle projector, byte[] file, float fps)
    {
        var parameters = new InitParams { FpsTarget = fps, FfmpegBinDir = 0, TimestampIntervalMs = 5000 };
        fixed (byte* data = file)
        {
            _video = ((delegate* unmanaged[Cdecl]<nint, byte*, nuint, InitParams, nint>)MtmdExports.Get("mtmd_helper_video_init_from_buf"))(
                projector.DangerousGetHandle(), data, (nuint)file.Length, parameters);
        }

        if (_video == 0)
        {
            throw new InvalidOperationException("mtmd_helper_video_init_from_buf failed.");
        }

        _bitmap = ((delegate* unmanaged[Cdecl]<nint, byte*, nint, delegate* unmanaged[Cdecl]<nuint, nint, nint*, nint*, int>, nint>)MtmdExports.Get("mtmd_bitmap_init_lazy"))(
            projector.DangerousGetHandle(), null, _video, &Next);
    }

    /// <summary>The lazy bitmap: give it to <c>mtmd_tokenize</c> for the video's marker.</summary>
    public nint Bitmap => _bitmap;

    public void Dispose()
    {
        if (_bitmap != 0)
        {
            ((delegate* unmanaged[Cdecl]<nint, void>)MtmdExports.Get("mtmd_bitmap_free"))(_bitmap);
            _bitmap = 0;
        }

        if (_video != 0)
        {
            ((delegate* unmanaged[Cdecl]<nint, void>)MtmdExports.Get("mtmd_helper_video_free"))(_video);
            _video = 0;
        }
    }

    // The lazy callback of mtmd.h: (index, user data, out bitmap, out text) -> 0, -1 at the end, -2 on error.
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Next(nuint index, nint video, nint* bitmap, nint* text) =>
        ((delegate* unmanaged[Cdecl]<nint, nint*, nint*, int>)ReadNext.Value)(video, bitmap, text);

    private static readonly Lazy<nint> ReadNext = new(() => MtmdExports.Get("mtmd_helper_video_read_next"));

    /// <summary><c>mtmd_helper_video_init_params</c> of this build: read from its <c>_default()</c>, 24 bytes.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct InitParams
    {
        public float FpsTarget;
        public nint FfmpegBinDir;
        public long TimestampIntervalMs;
    }
}
