namespace LocalMultimodal.Jinja.Runtime;

/// <summary>Jinja2's default <c>Undefined</c>: prints empty, is falsy, iterates empty; any other use fails with its hint.</summary>
internal sealed class Undefined
{
    public Undefined(string hint, bool unsafeAccess = false)
    {
        Hint = hint;
        IsUnsafe = unsafeAccess;
    }

    public string Hint { get; }

    /// <summary>The sandbox refused the attribute: using it is a security error rather than an undefined error.</summary>
    public bool IsUnsafe { get; }

    public static Undefined Name(string name) => new($"'{name}' is undefined");

    public static Undefined Attribute(object? owner, string name) => new($"'{Py.TypeName(owner)} object' has no attribute '{name}'");

    public static Undefined Element(object? owner, object? key) => key is string s
        ? Attribute(owner, s)
        : new($"'{Py.TypeName(owner)} object' has no element {Py.Repr(key)}");

    public JinjaError Fail() => new(IsUnsafe ? $"security error: {Hint}" : Hint);
}
