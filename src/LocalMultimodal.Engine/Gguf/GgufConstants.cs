namespace LocalMultimodal.Gguf;

/// <summary>Fixed numbers of the GGUF container.</summary>
internal static class GgufConstants
{
    /// <summary>"GGUF" read as a little-endian u32.</summary>
    public const uint Magic = 0x46554747;

    public const uint Version = 3;

    /// <summary>Alignment of the data section and of every tensor in it, unless <c>general.alignment</c> says otherwise.</summary>
    public const int DefaultAlignment = 32;

    public const string AlignmentKey = "general.alignment";

    /// <summary>ggml's GGML_MAX_DIMS.</summary>
    public const int MaxDimensions = 4;

    /// <summary>ggml's GGML_MAX_NAME: tensor names must be shorter than this many bytes.</summary>
    public const int MaxTensorNameBytes = 64;

    public static long Align(long value, long alignment) => (value + alignment - 1) / alignment * alignment;
}
