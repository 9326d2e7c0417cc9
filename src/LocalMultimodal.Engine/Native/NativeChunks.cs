using System.Runtime.InteropServices;
using System.Text;
using LLama.Native;

namespace LocalMultimodal.Native;

/// <summary>
/// The chunks libmtmd makes of one text with media markers. Calls <c>mtmd_tokenize</c> directly:
/// LLamaSharp 0.30.0's <c>MtmdWeights.Tokenize</c> counts the terminating NUL in <c>text_len</c>, so every
/// prompt it tokenizes gains a stray <c>&lt;0x00&gt;</c> byte token at the end.
/// </summary>
internal sealed unsafe class NativeChunks : IDisposable
{
    private const string DefaultMarker = "<__media__>";

    private nint _chunks;

    private NativeChunks(nint chunks) => _chunks = chunks;

    public int Count => (int)Size(_chunks);

    /// <summary>The native <c>mtmd_input_chunks</c>, for libmtmd's helper functions.</summary>
    public nint Handle => _chunks;

    /// <summary>Tokenizes <paramref name="text"/>; each media marker in it takes the next bitmap.</summary>
    /// <returns>The chunks, or null with libmtmd's status code when it refused (1: marker/bitmap count mismatch, 2: preprocessing failed).</returns>
    public static NativeChunks? Tokenize(SafeMtmdModelHandle projector, string text, bool addSpecial, bool parseSpecial, ReadOnlySpan<SafeMtmdEmbed> bitmaps, out int status)
    {
        var handles = new nint[bitmaps.Length];
        for (int i = 0; i < bitmaps.Length; i++)
        {
            handles[i] = bitmaps[i].DangerousGetHandle();
        }

        return Tokenize(projector, text, addSpecial, parseSpecial, handles, out status);
    }

    /// <summary>As the overload above, with native <c>mtmd_bitmap</c> pointers (such as a lazy bitmap of llama.cpp's video helper).</summary>
    public static NativeChunks? Tokenize(SafeMtmdModelHandle projector, string text, bool addSpecial, bool parseSpecial, ReadOnlySpan<nint> bitmaps, out int status)
    {
        nint output = Init();
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        fixed (byte* textPointer = utf8)
        fixed (nint* pointers = bitmaps)
        {
            var input = new InputText { Text = textPointer, Length = (nuint)utf8.Length, AddSpecial = addSpecial, ParseSpecial = parseSpecial };
            status = TokenizeNative(projector.DangerousGetHandle(), output, &input, pointers, (nuint)bitmaps.Length);
        }

        if (status != 0)
        {
            Free(output);
            return null;
        }

        return new NativeChunks(output);
    }

    /// <summary>The chunks of one media item on its own: the text libmtmd wraps around it and its media chunk(s).</summary>
    public static NativeChunks? TokenizeItem(SafeMtmdModelHandle projector, SafeMtmdEmbed item, out int status) =>
        Tokenize(projector, Marker, addSpecial: false, parseSpecial: true, [item], out status);

    /// <summary>The media marker libmtmd looks for in the text it tokenizes.</summary>
    public static string Marker => NativeApi.MtmdDefaultMarker() ?? DefaultMarker;

    /// <summary>The tokens of a text chunk.</summary>
    public static LLamaToken[] TextTokens(SafeMtmdInputChunk chunk) => [.. chunk.GetTextTokensSpan().ToArray().Select(t => (LLamaToken)t)];

    /// <summary>A non-owning view of chunk <paramref name="index"/>; dispose it, the chunks stay.</summary>
    public SafeMtmdInputChunk this[int index] => SafeMtmdInputChunk.Wrap(Get(_chunks, (nuint)index))
        ?? throw new InvalidOperationException("libmtmd returned no chunk at a valid index.");

    public void Dispose()
    {
        if (_chunks != 0)
        {
            Free(_chunks);
            _chunks = 0;
        }
    }

    /// <summary>This libmtmd build's <c>mtmd_input_text</c>: the text comes with its byte length.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct InputText
    {
        public byte* Text;
        public nuint Length;
        [MarshalAs(UnmanagedType.U1)]
        public bool AddSpecial;
        [MarshalAs(UnmanagedType.U1)]
        public bool ParseSpecial;
    }

    private static nint Init() => ((delegate* unmanaged[Cdecl]<nint>)InitPointer.Value)();

    private static void Free(nint chunks) => ((delegate* unmanaged[Cdecl]<nint, void>)FreePointer.Value)(chunks);

    private static nuint Size(nint chunks) => ((delegate* unmanaged[Cdecl]<nint, nuint>)SizePointer.Value)(chunks);

    private static nint Get(nint chunks, nuint index) => ((delegate* unmanaged[Cdecl]<nint, nuint, nint>)GetPointer.Value)(chunks, index);

    private static int TokenizeNative(nint context, nint output, InputText* text, nint* bitmaps, nuint count) =>
        ((delegate* unmanaged[Cdecl]<nint, nint, InputText*, nint*, nuint, int>)TokenizePointer.Value)(context, output, text, bitmaps, count);

    private static readonly Lazy<nint> InitPointer = new(() => MtmdExports.Get("mtmd_input_chunks_init"));
    private static readonly Lazy<nint> FreePointer = new(() => MtmdExports.Get("mtmd_input_chunks_free"));
    private static readonly Lazy<nint> SizePointer = new(() => MtmdExports.Get("mtmd_input_chunks_size"));
    private static readonly Lazy<nint> GetPointer = new(() => MtmdExports.Get("mtmd_input_chunks_get"));
    private static readonly Lazy<nint> TokenizePointer = new(() => MtmdExports.Get("mtmd_tokenize"));
}
