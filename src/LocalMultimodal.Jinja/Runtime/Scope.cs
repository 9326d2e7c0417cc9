using System.Runtime.CompilerServices;

namespace LocalMultimodal.Jinja.Runtime;

/// <summary>
/// Variables of one level: the template's top level, one loop iteration, one macro call. <c>if</c> makes
/// no scope, so a <c>set</c> inside it lands in the enclosing one, as in Jinja2.
/// </summary>
/// <remarks>
/// A loop iteration holds <c>loop</c> and its target and little else, and a render makes one scope per
/// iteration: the first two variables live in fields, so such a scope needs no dictionary at all.
/// </remarks>
internal sealed class Scope(Scope? parent)
{
    private string? _firstName;
    private object? _firstValue;
    private string? _secondName;
    private object? _secondValue;
    private Dictionary<string, object?>? _more;

    public Scope? Parent => parent;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryGet(string name, out object? value)
    {
        for (Scope? scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope.TryGetOwn(name, out value))
            {
                return true;
            }
        }

        value = null;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Set(string name, object? value)
    {
        if (_firstName is null || string.Equals(_firstName, name, StringComparison.Ordinal))
        {
            _firstName = name;
            _firstValue = value;
        }
        else if (_secondName is null || string.Equals(_secondName, name, StringComparison.Ordinal))
        {
            _secondName = name;
            _secondValue = value;
        }
        else
        {
            (_more ??= new(StringComparer.Ordinal))[name] = value;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryGetOwn(string name, out object? value)
    {
        if (_firstName is not null)
        {
            if (string.Equals(_firstName, name, StringComparison.Ordinal))
            {
                value = _firstValue;
                return true;
            }

            if (_secondName is not null)
            {
                if (string.Equals(_secondName, name, StringComparison.Ordinal))
                {
                    value = _secondValue;
                    return true;
                }

                if (_more is not null)
                {
                    return _more.TryGetValue(name, out value);
                }
            }
        }

        value = null;
        return false;
    }
}
