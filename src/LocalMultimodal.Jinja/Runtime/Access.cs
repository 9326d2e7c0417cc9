using System.Runtime.CompilerServices;

namespace LocalMultimodal.Jinja.Runtime;

/// <summary>
/// Attribute access, subscripts, slices and calls as the immutable sandbox allows them: only the listed Python
/// methods of str, list and dict, dict keys, namespace attributes and <c>loop</c>; never a .NET member.
/// </summary>
internal static class Access
{
    /// <summary><c>obj.name</c>: a method or attribute first, then the item, as Jinja2's getattr.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static object? GetAttribute(object? owner, string name)
    {
        switch (owner)
        {
            case Undefined u:
                throw u.Fail();
            case JinjaDict dict:
                if (Methods.IsDictMethod(name))
                {
                    return Methods.Bind(dict, name);
                }

                return dict.TryGet(name, out object? value) ? value : Undefined.Attribute(owner, name);
            case string s:
                return Methods.IsStringMethod(name) ? new BoundMethod(s, name) : Undefined.Attribute(owner, name);
            case JinjaList list:
                if (list.FieldNames is { } fields && Array.IndexOf(fields, name) is >= 0 and var field)
                {
                    return list[field];
                }

                return Methods.IsListMethod(name, list.IsTuple) ? Methods.Bind(list, name) : Undefined.Attribute(owner, name);
            case Namespace ns:
                return ns.Attributes.TryGetValue(name, out object? attribute) ? attribute : Undefined.Attribute(owner, name);
            case LoopInfo loop:
                return loop.Get(name);
            case Macro macro when name == "name":
                return macro.Name;
            default:
                return Undefined.Attribute(owner, name);
        }
    }

    /// <summary><c>obj[key]</c>: the item first, then (for a string key) the attribute, as Jinja2's getitem.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static object? GetItem(object? owner, object? key)
    {
        switch (owner)
        {
            case Undefined u:
                throw u.Fail();
            case JinjaDict dict:
                if (dict.TryGet(key, out object? value))
                {
                    return value;
                }

                break;
            case JinjaList list when key is long or bool:
                long index = Py.ToLong(key);
                if (index < 0)
                {
                    index += list.Count;
                }

                return index >= 0 && index < list.Count ? list[(int)index] : Undefined.Element(owner, key);
            case string s when key is long or bool:
                IReadOnlyList<string> points = PyString.IsBmp(s) ? new CharList(s) : PyString.Points(s);
                long at = Py.ToLong(key);
                if (at < 0)
                {
                    at += points.Count;
                }

                return at >= 0 && at < points.Count ? points[(int)at] : Undefined.Element(owner, key);
        }

        return key is string name ? GetAttribute(owner, name) : Undefined.Element(owner, key);
    }

    public static object? Slice(RenderContext context, object? owner, object? start, object? stop, object? step)
    {
        if (owner is Undefined u)
        {
            throw u.Fail();
        }

        long stride = step is null ? 1 : ToIndex(step);
        if (stride == 0)
        {
            throw new JinjaError("slice step cannot be zero");
        }

        switch (owner)
        {
            case JinjaList list:
                context.CheckLength(list.Count);
                return new JinjaList(Pick(list.Items, start, stop, stride), list.IsTuple);
            case string s:
                context.CheckLength(s.Length);
                if (PyString.IsBmp(s))
                {
                    var (first, count) = Bounds(s.Length, start, stop, stride);
                    if (stride == 1)
                    {
                        return s.Substring((int)first, (int)count);
                    }

                    return string.Create((int)count, (s, first, stride), static (span, state) =>
                    {
                        for (int i = 0; i < span.Length; i++)
                        {
                            span[i] = state.s[(int)(state.first + (i * state.stride))];
                        }
                    });
                }

                return string.Concat(Pick(PyString.Points(s), start, stop, stride).Cast<string>());
            default:
                throw new JinjaError($"'{Py.TypeName(owner)}' object is not subscriptable");
        }
    }

    private static List<object?> Pick<T>(IReadOnlyList<T> items, object? start, object? stop, long stride)
    {
        var (first, count) = Bounds(items.Count, start, stop, stride);
        var picked = new List<object?>((int)count);
        for (long i = 0; i < count; i++)
        {
            picked.Add(items[(int)(first + (i * stride))]);
        }

        return picked;
    }

    /// <summary>Python's slice arithmetic: the first index and how many items <c>[start:stop:stride]</c> takes.</summary>
    private static (long First, long Count) Bounds(int count, object? start, object? stop, long stride)
    {
        long first;
        long last;
        if (stride > 0)
        {
            first = start is null ? 0 : Clamp(ToIndex(start), count, 0, count);
            last = stop is null ? count : Clamp(ToIndex(stop), count, 0, count);
            return (first, last > first ? ((last - first - 1) / stride) + 1 : 0);
        }

        first = start is null ? count - 1 : Clamp(ToIndex(start), count, -1, count - 1);
        last = stop is null ? -1 : Clamp(ToIndex(stop), count, -1, count - 1);
        return (first, first > last ? ((first - last - 1) / -stride) + 1 : 0);

        static long Clamp(long index, int count, long low, long high)
        {
            if (index < 0)
            {
                index += count;
            }

            return Math.Clamp(index, low, high);
        }
    }

    private static long ToIndex(object? value) => value is long or bool
        ? Py.ToLong(value)
        : throw new JinjaError("slice indices must be integers or None");

    public static object? Call(RenderContext context, object? callee, CallArgs args) => callee switch
    {
        Callable callable => callable.Invoke(context, args),
        Undefined u => throw u.Fail(),
        _ => throw new JinjaError($"'{Py.TypeName(callee)}' object is not callable"),
    };
}
