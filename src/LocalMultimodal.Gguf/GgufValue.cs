namespace LocalMultimodal.Gguf;

/// <summary>
/// One typed GGUF metadata value. Scalars hold the matching CLR type (uint for u32, string for str, ...);
/// arrays hold a CLR array of the element type, e.g. <c>float[]</c> or <c>string[]</c>.
/// </summary>
public sealed class GgufValue
{
    private GgufValue(GgufValueType type, object value, GgufValueType elementType = default)
    {
        Type = type;
        Value = value;
        ElementType = elementType;
    }

    /// <summary>The value type.</summary>
    public GgufValueType Type { get; }

    /// <summary>The element type when <see cref="Type"/> is <see cref="GgufValueType.Array"/>.</summary>
    public GgufValueType ElementType { get; }

    /// <summary>The CLR value: a scalar or an array of the element type.</summary>
    public object Value { get; }

    /// <summary>A GGUF u8 value.</summary>
    public static GgufValue UInt8(byte value) => new(GgufValueType.UInt8, value);

    /// <summary>A GGUF i8 value.</summary>
    public static GgufValue Int8(sbyte value) => new(GgufValueType.Int8, value);

    /// <summary>A GGUF u16 value.</summary>
    public static GgufValue UInt16(ushort value) => new(GgufValueType.UInt16, value);

    /// <summary>A GGUF i16 value.</summary>
    public static GgufValue Int16(short value) => new(GgufValueType.Int16, value);

    /// <summary>A GGUF u32 value.</summary>
    public static GgufValue UInt32(uint value) => new(GgufValueType.UInt32, value);

    /// <summary>A GGUF i32 value.</summary>
    public static GgufValue Int32(int value) => new(GgufValueType.Int32, value);

    /// <summary>A GGUF f32 value.</summary>
    public static GgufValue Float32(float value) => new(GgufValueType.Float32, value);

    /// <summary>A GGUF bool value.</summary>
    public static GgufValue Bool(bool value) => new(GgufValueType.Bool, value);

    /// <summary>A GGUF string value.</summary>
    public static GgufValue String(string value) => new(GgufValueType.String, value);

    /// <summary>A GGUF u64 value.</summary>
    public static GgufValue UInt64(ulong value) => new(GgufValueType.UInt64, value);

    /// <summary>A GGUF i64 value.</summary>
    public static GgufValue Int64(long value) => new(GgufValueType.Int64, value);

    /// <summary>A GGUF f64 value.</summary>
    public static GgufValue Float64(double value) => new(GgufValueType.Float64, value);

    /// <summary>An array; the element type follows from <typeparamref name="T"/> (e.g. float → f32, string → str).</summary>
    public static GgufValue Array<T>(T[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new(GgufValueType.Array, values, ElementTypeOf(typeof(T)));
    }

    /// <summary>The value as <typeparamref name="T"/>; throws when it holds another type.</summary>
    public T As<T>() => Value is T typed
        ? typed
        : throw new InvalidCastException($"GGUF value of type {Describe()} is not a {typeof(T).Name}.");

    /// <summary>For messages: <c>u32</c>, <c>str</c>, <c>f32[]</c>, ...</summary>
    public string Describe() => Type == GgufValueType.Array ? $"{ElementType}[]" : Type.ToString();

    internal static GgufValueType ElementTypeOf(Type type) =>
        type == typeof(byte) ? GgufValueType.UInt8
        : type == typeof(sbyte) ? GgufValueType.Int8
        : type == typeof(ushort) ? GgufValueType.UInt16
        : type == typeof(short) ? GgufValueType.Int16
        : type == typeof(uint) ? GgufValueType.UInt32
        : type == typeof(int) ? GgufValueType.Int32
        : type == typeof(float) ? GgufValueType.Float32
        : type == typeof(bool) ? GgufValueType.Bool
        : type == typeof(string) ? GgufValueType.String
        : type == typeof(ulong) ? GgufValueType.UInt64
        : type == typeof(long) ? GgufValueType.Int64
        : type == typeof(double) ? GgufValueType.Float64
        : throw new ArgumentException($"{type.Name} has no GGUF value type.", nameof(type));
}
