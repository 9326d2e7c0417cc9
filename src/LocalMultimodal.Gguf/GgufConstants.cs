namespace LocalMultimodal.Gguf;

/// <summary>Fixed numbers of the GGUF container.</summary>
public static class GgufConstants
{
    /// <summary>"GGUF" read as a little-endian u32.</summary>
    public const uint Magic = 0x46554747;

    /// <summary>The GGUF version the writer produces; the reader takes 2 and 3.</summary>
    public const uint Version = 3;

    /// <summary>Alignment of the data section and of every tensor in it, unless <c>general.alignment</c> says otherwise.</summary>
    public const int DefaultAlignment = 32;

    /// <summary>The metadata key that overrides <see cref="DefaultAlignment"/>.</summary>
    public const string AlignmentKey = "general.alignment";

    /// <summary>ggml's GGML_MAX_DIMS.</summary>
    public const int MaxDimensions = 4;

    /// <summary>ggml's GGML_MAX_NAME: tensor names must be shorter than this many bytes.</summary>
    public const int MaxTensorNameBytes = 64;

    /// <summary><paramref name="value"/> rounded up to a multiple of <paramref name="alignment"/>.</summary>
    public static long Align(long value, long alignment) => (value + alignment - 1) / alignment * alignment;
}
