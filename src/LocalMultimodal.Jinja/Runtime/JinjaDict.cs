using System.Runtime.CompilerServices;

namespace LocalMultimodal.Jinja.Runtime;

/// <summary>A Python dict: insertion-ordered, keys compared with Python equality.</summary>
internal sealed class JinjaDict
{
    public JinjaDict(int capacity = 0)
    {
        Items = new OrderedDictionary<object, object?>(capacity, PyKeyComparer.Instance);
    }

    public OrderedDictionary<object, object?> Items { get; }

    public int Count => Items.Count;

    public static object Key(object? key) => key ?? PyNone.Instance;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryGet(object? key, out object? value) => Items.TryGetValue(Key(key), out value);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Set(object? key, object? value) => Items[Key(key)] = value;

    public static object? Unkey(object key) => key is PyNone ? null : key;
}
