using System.Runtime.InteropServices;

namespace LocalMultimodal.Native;

/// <summary>llama.h's <c>llama_token_data_array</c>: the candidates a sampler works on, and the one it selected.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeTokenDataArray
{
    public NativeTokenData* Data;
    public nuint Size;
    public long Selected;
    [MarshalAs(UnmanagedType.U1)]
    public bool Sorted;
}
