using System.Runtime.CompilerServices;

namespace LocalMultimodal.Jinja.Runtime;

/// <summary>The evaluated arguments of a call, filter or test.</summary>
internal sealed class CallArgs
{
    public static readonly CallArgs Empty = new([], null);

    public CallArgs(List<object?> positional, List<KeyValuePair<string, object?>>? named)
    {
        Positional = positional;
        Named = named;
    }

    public List<object?> Positional { get; }

    public List<KeyValuePair<string, object?>>? Named { get; }

    public int Count => Positional.Count;

    /// <summary>The argument at a position or with a name, as Python binds them, or <paramref name="fallback"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public object? Get(int index, string name, object? fallback = null) => TryGet(index, name, out object? value) ? value : fallback;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryGet(int index, string name, out object? value)
    {
        if (index >= 0 && index < Positional.Count)
        {
            value = Positional[index];
            return true;
        }

        if (Named is not null)
        {
            foreach (var (key, item) in Named)
            {
                if (key == name)
                {
                    value = item;
                    return true;
                }
            }
        }

        value = null;
        return false;
    }

    /// <summary>Fails like Python when more arguments came than the callee takes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Expect(string callee, int maxPositional, params string[] names)
    {
        if (Positional.Count > maxPositional)
        {
            throw new JinjaError($"{callee}() takes at most {maxPositional} positional arguments ({Positional.Count} given)");
        }

        if (Named is null)
        {
            return;
        }

        foreach (var (key, _) in Named)
        {
            if (Array.IndexOf(names, key) < 0)
            {
                throw new JinjaError($"{callee}() got an unexpected keyword argument '{key}'");
            }
        }
    }
}
