using System.Runtime.CompilerServices;

namespace LocalMultimodal.Jinja.Runtime;

/// <summary>Python's dict key equality: <c>1</c>, <c>1.0</c> and <c>True</c> are the same key.</summary>
internal sealed class PyKeyComparer : IEqualityComparer<object>
{
    public static readonly PyKeyComparer Instance = new();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public new bool Equals(object? x, object? y) => x is string a && y is string b
        ? string.Equals(a, b, StringComparison.Ordinal)
        : Py.Equal(JinjaDict.Unkey(x!), JinjaDict.Unkey(y!));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int GetHashCode(object obj) => obj switch
    {
        string s => s.GetHashCode(StringComparison.Ordinal),
        bool b => b ? 1 : 0,
        long l => l.GetHashCode(),
        double d => d == Math.Floor(d) && Math.Abs(d) < 9e18 ? ((long)d).GetHashCode() : d.GetHashCode(),
        JinjaList { IsTuple: true } t => TupleHash(t),
        JinjaList or JinjaDict => throw new JinjaError($"unhashable type: '{Py.TypeName(obj)}'"),
        _ => obj.GetHashCode(),
    };

    private int TupleHash(JinjaList tuple)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var hash = default(HashCode);
        foreach (object? item in tuple.Items)
        {
            hash.Add(item is null ? 0 : GetHashCode(item));
        }

        return hash.ToHashCode();
    }
}
