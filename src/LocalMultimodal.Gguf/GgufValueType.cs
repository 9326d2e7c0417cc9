namespace LocalMultimodal.Gguf;

/// <summary>The metadata value types of GGUF v3, with their on-disk ids.</summary>
public enum GgufValueType : uint
{
    /// <summary>GGUF type id 0.</summary>
    UInt8 = 0,
    /// <summary>GGUF type id 1.</summary>
    Int8 = 1,
    /// <summary>GGUF type id 2.</summary>
    UInt16 = 2,
    /// <summary>GGUF type id 3.</summary>
    Int16 = 3,
    /// <summary>GGUF type id 4.</summary>
    UInt32 = 4,
    /// <summary>GGUF type id 5.</summary>
    Int32 = 5,
    /// <summary>GGUF type id 6.</summary>
    Float32 = 6,
    /// <summary>GGUF type id 7.</summary>
    Bool = 7,
    /// <summary>GGUF type id 8.</summary>
    String = 8,
    /// <summary>GGUF type id 9.</summary>
    Array = 9,
    /// <summary>GGUF type id 10.</summary>
    UInt64 = 10,
    /// <summary>GGUF type id 11.</summary>
    Int64 = 11,
    /// <summary>GGUF type id 12.</summary>
    Float64 = 12,
}
