using System.Runtime.InteropServices;

namespace LocalMultimodal.Native;

/// <summary>llama.h's <c>llama_token_data</c>: a candidate token, its logit and probability.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeTokenData
{
    public int Id;
    public float Logit;
    public float P;
}
