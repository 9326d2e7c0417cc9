using System.Text;

namespace LocalMultimodal.Jinja.Runtime;

/// <summary>
/// The Python methods of str, dict and list a template may call. Methods that change a dict or list are
/// refused as Jinja2's ImmutableSandboxedEnvironment refuses them (list <c>pop</c> and <c>clear</c> it allows).
/// </summary>
internal static partial class Methods
{
    private static readonly HashSet<string> StringMethods =
    [
        "strip", "lstrip", "rstrip", "split", "rsplit", "splitlines", "startswith", "endswith", "replace", "upper",
        "lower", "title", "capitalize", "swapcase", "casefold", "find", "rfind", "index", "rindex", "count", "join",
        "format", "isdigit", "isalpha", "isalnum", "isspace", "isupper", "islower", "isnumeric", "isdecimal",
        "center", "ljust", "rjust", "zfill", "partition", "rpartition", "removeprefix", "removesuffix",
    ];

    private static readonly HashSet<string> DictMethods = ["items", "keys", "values", "get", "copy"];

    private static readonly HashSet<string> UnsafeDictMethods = ["clear", "pop", "popitem", "setdefault", "update"];

    private static readonly HashSet<string> ListMethods = ["index", "count", "copy", "pop", "clear"];

    private static readonly HashSet<string> UnsafeListMethods = ["append", "reverse", "insert", "sort", "extend", "remove"];

    public static IEnumerable<string> StringMethodNames => StringMethods;

    public static IEnumerable<string> DictMethodNames => DictMethods;

    public static IEnumerable<string> ListMethodNames => ListMethods;

    public static bool IsStringMethod(string name) => StringMethods.Contains(name);

    public static bool IsDictMethod(string name) => name is "items" or "keys" or "values" or "get" or "copy" or "clear" or "pop" or "popitem" or "setdefault" or "update";

    public static bool IsListMethod(string name, bool isTuple) => isTuple
        ? name is "index" or "count"
        : ListMethods.Contains(name) || UnsafeListMethods.Contains(name);

    /// <summary>The value of <c>owner.name</c> for a method name: a bound method, or an undefined that fails as a security error.</summary>
    public static object Bind(object owner, string name) =>
        (owner is JinjaDict && UnsafeDictMethods.Contains(name)) || (owner is JinjaList && UnsafeListMethods.Contains(name))
            ? new Undefined($"access to attribute '{name}' of '{Py.TypeName(owner)}' object is unsafe.", unsafeAccess: true)
            : new BoundMethod(owner, name);

    public static object? Call(RenderContext context, object target, string name, CallArgs args) => target switch
    {
        string s => CallString(context, s, name, args),
        JinjaDict d => CallDict(d, name, args),
        JinjaList l => CallList(context, l, name, args),
        _ => throw new JinjaError($"'{Py.TypeName(target)}' object has no attribute '{name}'"),
    };

    private static object? CallDict(JinjaDict dict, string name, CallArgs args)
    {
        switch (name)
        {
            case "items":
                return new JinjaList(dict.Items.Select(p => (object?)new JinjaList([JinjaDict.Unkey(p.Key), p.Value], isTuple: true)).ToList());
            case "keys":
                return new JinjaList(dict.Items.Keys.Select(JinjaDict.Unkey).ToList());
            case "values":
                return new JinjaList(dict.Items.Values.ToList());
            case "get":
                args.Expect("get", 2);
                return dict.TryGet(args.Get(0, "key"), out object? value) ? value : args.Get(1, "default");
            default:
                var copy = new JinjaDict(dict.Count);
                foreach (var (key, item) in dict.Items)
                {
                    copy.Items[key] = item;
                }

                return copy;
        }
    }

    private static object? CallList(RenderContext context, JinjaList list, string name, CallArgs args)
    {
        switch (name)
        {
            case "index":
                object? needle = args.Get(0, "value");
                int found = list.Items.FindIndex(item => Py.Equal(item, needle));
                return found >= 0 ? (long)found : throw new JinjaError($"{Py.Repr(needle)} is not in list");
            case "count":
                object? counted = args.Get(0, "value");
                return (long)list.Items.Count(item => Py.Equal(item, counted));
            case "copy":
                return new JinjaList([.. list.Items]);
            case "clear":
                list.Items.Clear();
                return null;
            default:
                if (list.Count == 0)
                {
                    throw new JinjaError("pop from empty list");
                }

                long index = Py.ToLong(args.Get(0, "index", -1L));
                if (index < 0)
                {
                    index += list.Count;
                }

                if (index < 0 || index >= list.Count)
                {
                    throw new JinjaError("pop index out of range");
                }

                object? popped = list[(int)index];
                list.Items.RemoveAt((int)index);
                return popped;
        }
    }

    private static string Text(object? value, string method) => value as string
        ?? throw new JinjaError($"{method}() argument must be str, not {Py.TypeName(value)}");

    public static string Replace(RenderContext context, string s, object? oldValue, object? newValue, object? count)
    {
        string old = Text(oldValue, "replace");
        string replacement = Text(newValue, "replace");
        long limit = count is null ? -1 : Py.ToLong(count);
        if (limit < 0 && old.Length > 0)
        {
            // Only a growing replacement needs the count up front, to refuse an oversized result before making it.
            long growth = replacement.Length > old.Length ? s.AsSpan().Count(old.AsSpan()) * (long)(replacement.Length - old.Length) : 0;
            context.CheckLength(s.Length + growth);
            return s.Replace(old, replacement, StringComparison.Ordinal);
        }

        var builder = new StringBuilder();
        int position = 0;
        long done = 0;
        if (old.Length == 0)
        {
            string[] points = PyString.Points(s);
            for (int i = 0; i <= points.Length; i++)
            {
                if (limit < 0 || done < limit)
                {
                    builder.Append(replacement);
                    done++;
                }

                if (i < points.Length)
                {
                    builder.Append(points[i]);
                }

                context.CheckLength(builder.Length);
            }

            return builder.ToString();
        }

        while (done < limit)
        {
            int at = s.IndexOf(old, position, StringComparison.Ordinal);
            if (at < 0)
            {
                break;
            }

            builder.Append(s, position, at - position).Append(replacement);
            position = at + old.Length;
            done++;
        }

        builder.Append(s, position, s.Length - position);
        context.CheckLength(builder.Length);
        return builder.ToString();
    }

    private static int CountOf(string s, string sub)
    {
        if (sub.Length == 0)
        {
            return (int)PyString.Length(s) + 1;
        }

        int count = 0;
        for (int at = s.IndexOf(sub, StringComparison.Ordinal); at >= 0; at = s.IndexOf(sub, at + sub.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>Python's <c>center</c>, <c>ljust</c> and <c>rjust</c>.</summary>
    public static string Pad(RenderContext context, string s, object? widthValue, object? fillValue, char align)
    {
        long width = Py.ToLong(widthValue);
        string fill = Text(fillValue, "pad");
        if (fill.Length != 1)
        {
            throw new JinjaError("The fill character must be exactly one character long");
        }

        long length = PyString.Length(s);
        if (width <= length)
        {
            return s;
        }

        context.CheckLength(width);
        long margin = width - length;
        long left = align switch
        {
            'l' => 0,
            'r' => margin,
            _ => (margin / 2) + (margin & width & 1),
        };
        return new string(fill[0], (int)left) + s + new string(fill[0], (int)(margin - left));
    }
}
