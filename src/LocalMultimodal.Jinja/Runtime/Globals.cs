namespace LocalMultimodal.Jinja.Runtime;

/// <summary>The global functions: Jinja2's <c>range</c>, <c>dict</c>, <c>namespace</c>, and Hugging Face's <c>raise_exception</c> and <c>strftime_now</c>.</summary>
internal static class Globals
{
    /// <summary>Jinja2's sandbox refuses larger ranges.</summary>
    public const int MaxRange = 100_000;

    public static readonly IReadOnlyDictionary<string, object?> All = new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["range"] = new BuiltinFunction("range", Range),
        ["dict"] = new BuiltinFunction("dict", MakeDict),
        ["namespace"] = new BuiltinFunction("namespace", MakeNamespace),
        ["raise_exception"] = new BuiltinFunction("raise_exception", (_, args) =>
        {
            string message = Py.Str(args.Get(0, "message"));
            throw new JinjaError(message, message);
        }),
        ["strftime_now"] = new BuiltinFunction("strftime_now", (context, args) =>
            StrFTime.Format(context.Options.Now?.Invoke() ?? DateTime.Now, Py.Str(args.Get(0, "format")))),
    };

    /// <summary>
    /// The globals as the outermost scope of every render. Renders only read it (a template's <c>set</c> lands in
    /// its own scope), so one instance serves all renders and threads instead of a copy per render.
    /// </summary>
    public static readonly Scope Scope = MakeScope();

    private static Scope MakeScope()
    {
        var scope = new Scope(null);
        foreach (var (name, value) in All)
        {
            scope.Set(name, value);
        }

        return scope;
    }

    private static object? Range(RenderContext context, CallArgs args)
    {
        args.Expect("range", 3);
        if (args.Count == 0)
        {
            throw new JinjaError("range expected at least 1 argument, got 0");
        }

        foreach (object? argument in args.Positional)
        {
            if (argument is not (long or bool))
            {
                throw argument is Undefined u ? u.Fail() : new JinjaError($"'{Py.TypeName(argument)}' object cannot be interpreted as an integer");
            }
        }

        long start = args.Count > 1 ? Py.ToLong(args.Positional[0]) : 0;
        long stop = Py.ToLong(args.Positional[args.Count > 1 ? 1 : 0]);
        long step = args.Count > 2 ? Py.ToLong(args.Positional[2]) : 1;
        if (step == 0)
        {
            throw new JinjaError("range() arg 3 must not be zero");
        }

        long count = step > 0
            ? (stop > start ? ((stop - start - 1) / step) + 1 : 0)
            : (start > stop ? ((start - stop - 1) / -step) + 1 : 0);
        if (count > MaxRange)
        {
            throw new JinjaError($"Range too big. The sandbox blocks ranges larger than MAX_RANGE ({MaxRange}).");
        }

        context.Step((int)count);
        var items = new List<object?>((int)count);
        for (long i = 0; i < count; i++)
        {
            items.Add(start + (i * step));
        }

        return new JinjaList(items);
    }

    private static object? MakeDict(RenderContext context, CallArgs args)
    {
        var dict = new JinjaDict();
        if (args.Count > 0 && args.Positional[0] is JinjaDict source)
        {
            foreach (var (key, value) in source.Items)
            {
                dict.Items[key] = value;
            }
        }

        foreach (var (key, value) in args.Named ?? [])
        {
            dict.Set(key, value);
        }

        return dict;
    }

    private static object? MakeNamespace(RenderContext context, CallArgs args)
    {
        var ns = new Namespace();
        if (args.Count > 0 && args.Positional[0] is JinjaDict source)
        {
            foreach (var (key, value) in source.Items)
            {
                ns.Attributes[Py.Str(JinjaDict.Unkey(key))] = value;
            }
        }

        foreach (var (key, value) in args.Named ?? [])
        {
            ns.Attributes[key] = value;
        }

        return ns;
    }
}
