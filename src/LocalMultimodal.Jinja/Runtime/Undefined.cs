using System.Runtime.CompilerServices;

namespace LocalMultimodal.Jinja.Runtime;

/// <summary>Jinja2's default <c>Undefined</c>: prints empty, is falsy, iterates empty; any other use fails with its hint.</summary>
/// <remarks>
/// Templates test missing attributes all the time (<c>message.tool_calls</c>, <c>x is defined</c>) and most such
/// undefined values are never used in a way that fails, so a missing attribute's hint is only worded when needed.
/// </remarks>
internal sealed class Undefined
{
    private readonly string? _hint;
    private readonly string? _ownerType;
    private readonly string? _attribute;

    public Undefined(string hint, bool unsafeAccess = false)
    {
        _hint = hint;
        IsUnsafe = unsafeAccess;
    }

    private Undefined(string ownerType, string attribute)
    {
        _ownerType = ownerType;
        _attribute = attribute;
    }

    public string Hint => _hint ?? $"'{_ownerType} object' has no attribute '{_attribute}'";

    /// <summary>The sandbox refused the attribute: using it is a security error rather than an undefined error.</summary>
    public bool IsUnsafe { get; }

    public static Undefined Name(string name) => new($"'{name}' is undefined");

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Undefined Attribute(object? owner, string name) => new(Py.TypeName(owner), name);

    public static Undefined Element(object? owner, object? key) => key is string s
        ? Attribute(owner, s)
        : new($"'{Py.TypeName(owner)} object' has no element {Py.Repr(key)}");

    public JinjaError Fail() => new(IsUnsafe ? $"security error: {Hint}" : Hint);
}
