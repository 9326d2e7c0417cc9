namespace LocalMultimodal.Jinja.Runtime;

/// <summary>
/// A Python list, or a tuple when <see cref="IsTuple"/>; a named tuple (what <c>groupby</c> yields) also has
/// <see cref="FieldNames"/>, reachable as attributes; it prints as a plain tuple, as Jinja2's does.
/// </summary>
internal sealed class JinjaList
{
    public JinjaList(List<object?> items, bool isTuple = false, string[]? fieldNames = null)
    {
        Items = items;
        IsTuple = isTuple || fieldNames is not null;
        FieldNames = fieldNames;
    }

    public List<object?> Items { get; }

    public bool IsTuple { get; }

    public string[]? FieldNames { get; }

    public int Count => Items.Count;

    public object? this[int index] => Items[index];
}
