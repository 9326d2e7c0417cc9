namespace LocalMultimodal.Jinja.Runtime;

/// <summary>A Python list, or a tuple when <see cref="IsTuple"/>.</summary>
internal sealed class JinjaList
{
    public JinjaList(List<object?> items, bool isTuple = false)
    {
        Items = items;
        IsTuple = isTuple;
    }

    public List<object?> Items { get; }

    public bool IsTuple { get; }

    public int Count => Items.Count;

    public object? this[int index] => Items[index];
}
