using System.Text;
using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Library;

/// <summary>The filters over lists and dicts.</summary>
internal static partial class Filters
{
    private static object? Join(RenderContext context, object? value, CallArgs args)
    {
        string separator = Py.Str(args.Get(0, "d", string.Empty));
        object? attribute = args.Get(1, "attribute");
        Func<object?, object?>? getter = attribute is null ? null : AttributeGetter(attribute);
        var builder = new StringBuilder();
        bool first = true;
        foreach (object? item in Py.Iterate(value))
        {
            if (!first)
            {
                builder.Append(separator);
            }

            first = false;
            builder.Append(Py.Str(getter is null ? item : getter(item)));
            context.CheckLength(builder.Length);
        }

        return builder.ToString();
    }

    private static object? Items(RenderContext context, object? value, CallArgs args) => value switch
    {
        Undefined => new JinjaList([]),
        JinjaDict dict => NewList(context, dict.Items.Select(p => (object?)new JinjaList([JinjaDict.Unkey(p.Key), p.Value], isTuple: true))),
        _ => throw new JinjaError("Can only get item pairs from a mapping."),
    };

    private static object? Map(RenderContext context, object? value, CallArgs args)
    {
        Func<object?, object?> transform;
        if (args.Count == 0 && args.TryGet(-1, "attribute", out object? attribute))
        {
            args.Expect("map", 0, "attribute", "default");
            object? fallback = args.Get(-1, "default");
            transform = AttributeGetter(attribute, fallback, hasFallback: fallback is not null);
        }
        else
        {
            if (args.Count == 0 || args.Positional[0] is not string name || !TryGet(name, out FilterFunction? filter))
            {
                throw new JinjaError(args.Count == 0 ? "map requires a filter argument" : $"No filter named '{Py.Str(args.Positional[0])}'.");
            }

            var rest = new CallArgs(args.Positional.Skip(1).ToList(), args.Named);
            transform = item => filter(context, item, rest);
        }

        return NewList(context, Py.Iterate(value).Select(transform));
    }

    private static object? Select(RenderContext context, object? value, CallArgs args, bool byAttribute, bool keep)
    {
        int offset = 0;
        Func<object?, object?> transform = item => item;
        if (byAttribute)
        {
            if (args.Count == 0)
            {
                throw new JinjaError("Missing parameter for attribute name");
            }

            transform = AttributeGetter(args.Positional[0]);
            offset = 1;
        }

        Func<object?, bool> check = Py.Truthy;
        if (args.Count > offset)
        {
            string name = Py.Str(args.Positional[offset]);
            if (!Tests.TryGet(name, out TestFunction? test))
            {
                throw new JinjaError($"No test named '{name}'.");
            }

            var rest = new CallArgs(args.Positional.Skip(offset + 1).ToList(), args.Named);
            check = item => test(context, item, rest);
        }

        return NewList(context, Py.Iterate(value).Where(item => check(transform(item)) == keep));
    }

    private static object? Reverse(RenderContext context, object? value, CallArgs args)
    {
        if (value is string s)
        {
            string[] points = PyString.Points(s);
            Array.Reverse(points);
            return string.Concat(points);
        }

        var items = new List<object?>(Py.Iterate(value));
        items.Reverse();
        return new JinjaList(items);
    }

    private static Func<object?, object?> SortKey(object? attribute, bool caseSensitive)
    {
        Func<object?, object?>[] getters = attribute is null
            ? [item => item]
            : Py.Str(attribute).Split(',').Select(part => AttributeGetter(part.Trim())).ToArray();
        return item =>
        {
            if (getters.Length == 1)
            {
                return Fold(getters[0](item));
            }

            return new JinjaList(getters.Select(g => Fold(g(item))).ToList(), isTuple: true);
        };

        object? Fold(object? key) => !caseSensitive && key is string s ? s.ToLowerInvariant() : key;
    }

    private static List<object?> Sorted(IEnumerable<object?> items, Func<object?, object?> key, bool reverse)
    {
        var comparer = Comparer<object?>.Create((a, b) => Py.Compare(a, b));
        var ordered = reverse ? items.OrderByDescending(key, comparer) : items.OrderBy(key, comparer);
        try
        {
            return ordered.ToList();
        }
        catch (InvalidOperationException ex) when (ex.InnerException is JinjaError error)
        {
            throw error;
        }
    }

    private static object? Sort(RenderContext context, object? value, CallArgs args)
    {
        args.Expect("sort", 3, "reverse", "case_sensitive", "attribute");
        bool reverse = Py.Truthy(args.Get(0, "reverse", false));
        bool caseSensitive = Py.Truthy(args.Get(1, "case_sensitive", false));
        IReadOnlyList<object?> items = Py.Iterate(value);
        context.Step(items.Count);
        return new JinjaList(Sorted(items, SortKey(args.Get(2, "attribute"), caseSensitive), reverse));
    }

    private static object? DictSort(RenderContext context, object? value, CallArgs args)
    {
        if (value is not JinjaDict dict)
        {
            throw new JinjaError("dictsort expects a mapping");
        }

        bool caseSensitive = Py.Truthy(args.Get(0, "case_sensitive", false));
        string by = Py.Str(args.Get(1, "by", "key"));
        bool reverse = Py.Truthy(args.Get(2, "reverse", false));
        int position = by switch
        {
            "key" => 0,
            "value" => 1,
            _ => throw new JinjaError("You can only sort by either \"key\" or \"value\""),
        };
        var pairs = dict.Items.Select(p => (object?)new JinjaList([JinjaDict.Unkey(p.Key), p.Value], isTuple: true)).ToList();
        context.Step(pairs.Count);
        return new JinjaList(Sorted(pairs, item => Fold(((JinjaList)item!)[position]), reverse));

        object? Fold(object? key) => !caseSensitive && key is string s ? s.ToLowerInvariant() : key;
    }

    /// <summary>Jinja2's <c>groupby</c>: sorted by the attribute, then <c>(grouper, list)</c> named tuples.</summary>
    private static object? GroupBy(RenderContext context, object? value, CallArgs args)
    {
        object? attribute = args.Get(0, "attribute");
        object? fallback = args.Get(1, "default");
        bool caseSensitive = Py.Truthy(args.Get(2, "case_sensitive", false));
        Func<object?, object?> exact = AttributeGetter(attribute, fallback, hasFallback: fallback is not null);
        Func<object?, object?> key = item => exact(item) is string s && !caseSensitive ? s.ToLowerInvariant() : exact(item);
        List<object?> sorted = Sorted(Py.Iterate(value), key, reverse: false);
        context.Step(sorted.Count);
        var groups = new List<object?>();
        for (int i = 0; i < sorted.Count;)
        {
            object? groupKey = key(sorted[i]);
            var members = new List<object?>();
            while (i < sorted.Count && Py.Equal(key(sorted[i]), groupKey))
            {
                members.Add(sorted[i++]);
            }

            groups.Add(new JinjaList([exact(members[0]), new JinjaList(members)], fieldNames: ["grouper", "list"]));
        }

        return new JinjaList(groups);
    }

    private static object? Unique(RenderContext context, object? value, CallArgs args)
    {
        bool caseSensitive = Py.Truthy(args.Get(0, "case_sensitive", false));
        Func<object?, object?> key = SortKey(args.Get(1, "attribute"), caseSensitive);
        var seen = new HashSet<object>(PyKeyComparer.Instance);
        var result = new List<object?>();
        foreach (object? item in Py.Iterate(value))
        {
            context.Step();
            if (seen.Add(JinjaDict.Key(key(item))))
            {
                result.Add(item);
            }
        }

        return new JinjaList(result);
    }

    private static object? MinMax(RenderContext context, object? value, CallArgs args, bool max)
    {
        bool caseSensitive = Py.Truthy(args.Get(0, "case_sensitive", false));
        Func<object?, object?> key = SortKey(args.Get(1, "attribute"), caseSensitive);
        IReadOnlyList<object?> items = Py.Iterate(value);
        if (items.Count == 0)
        {
            return new Undefined("No aggregated item, sequence was empty.");
        }

        object? best = items[0];
        object? bestKey = key(best);
        foreach (object? item in items.Skip(1))
        {
            object? itemKey = key(item);
            int order = Py.Compare(itemKey, bestKey);
            if (max ? order > 0 : order < 0)
            {
                best = item;
                bestKey = itemKey;
            }
        }

        return best;
    }

    private static object? Sum(RenderContext context, object? value, CallArgs args)
    {
        object? attribute = args.Get(0, "attribute");
        Func<object?, object?> getter = attribute is null ? item => item : AttributeGetter(attribute);
        object? total = args.Get(1, "start", 0L);
        foreach (object? item in Py.Iterate(value))
        {
            total = Operators.Add(context, total, getter(item));
        }

        return total;
    }

    private static object? Batch(RenderContext context, object? value, CallArgs args)
    {
        long size = Py.ToLong(args.Get(0, "linecount"));
        if (size <= 0)
        {
            throw new JinjaError("batch size must be positive");
        }

        context.CheckLength(size);

        bool fill = args.TryGet(1, "fill_with", out object? filler) && filler is not null;
        var batches = new List<object?>();
        var current = new List<object?>();
        foreach (object? item in Py.Iterate(value))
        {
            current.Add(item);
            if (current.Count == size)
            {
                batches.Add(new JinjaList(current));
                current = [];
            }
        }

        if (current.Count > 0)
        {
            while (fill && current.Count < size)
            {
                current.Add(filler);
            }

            batches.Add(new JinjaList(current));
        }

        context.Step(batches.Count);
        return new JinjaList(batches);
    }

    private static object? Slice(RenderContext context, object? value, CallArgs args)
    {
        long slices = Py.ToLong(args.Get(0, "slices"));
        if (slices <= 0 || slices > context.Options.MaxOutputLength)
        {
            throw new JinjaError("the number of slices must be positive");
        }

        bool fill = args.TryGet(1, "fill_with", out object? filler) && filler is not null;
        IReadOnlyList<object?> items = Py.Iterate(value);
        long perSlice = items.Count / slices;
        long withExtra = items.Count % slices;
        long offset = 0;
        var result = new List<object?>();
        for (long i = 0; i < slices; i++)
        {
            long start = offset + (i * perSlice);
            if (i < withExtra)
            {
                offset++;
            }

            long end = offset + ((i + 1) * perSlice);
            var part = new List<object?>();
            for (long j = start; j < end; j++)
            {
                part.Add(items[(int)j]);
            }

            if (fill && i >= withExtra)
            {
                part.Add(filler);
            }

            result.Add(new JinjaList(part));
        }

        context.Step(result.Count);
        return new JinjaList(result);
    }
}
