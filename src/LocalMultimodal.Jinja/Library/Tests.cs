using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Library;

/// <summary>The tests of Jinja2 3.1 that chat templates can use (all of them but <c>escaped</c> markup detection).</summary>
internal static class Tests
{
    private static readonly Dictionary<string, TestFunction> Table = new(StringComparer.Ordinal)
    {
        ["defined"] = (_, v, _) => v is not Undefined,
        ["undefined"] = (_, v, _) => v is Undefined,
        ["none"] = (_, v, _) => v is null,
        ["boolean"] = (_, v, _) => v is bool,
        ["true"] = (_, v, _) => v is true,
        ["false"] = (_, v, _) => v is false,
        ["integer"] = (_, v, _) => v is long,
        ["float"] = (_, v, _) => v is double,
        ["number"] = (_, v, _) => v is long or double or bool,
        ["string"] = (_, v, _) => v is string,
        ["mapping"] = (_, v, _) => v is JinjaDict,
        ["iterable"] = (_, v, _) => v is string or JinjaList or JinjaDict or Undefined,
        ["sequence"] = (_, v, _) => v is string or JinjaList or JinjaDict or Undefined,
        ["callable"] = (_, v, _) => v is Callable or Undefined,
        ["escaped"] = (_, _, _) => false,
        ["sameas"] = (_, v, a) => SameAs(v, Argument(a, "other")),
        ["in"] = (_, v, a) => Py.Contains(Argument(a, "seq"), v),
        ["lower"] = (_, v, _) => Py.Str(v) is var s && s.Any(char.IsLower) && !s.Any(char.IsUpper),
        ["upper"] = (_, v, _) => Py.Str(v) is var s && s.Any(char.IsUpper) && !s.Any(char.IsLower),
        ["even"] = (c, v, _) => Py.Equal(Operators.Modulo(c, v, 2L), 0L),
        ["odd"] = (c, v, _) => Py.Equal(Operators.Modulo(c, v, 2L), 1L),
        ["divisibleby"] = (c, v, a) => Py.Equal(Operators.Modulo(c, v, Argument(a, "num")), 0L),
        ["eq"] = (_, v, a) => Py.Equal(v, Argument(a, "other")),
        ["ne"] = (_, v, a) => !Py.Equal(v, Argument(a, "other")),
        ["lt"] = (_, v, a) => Py.Compare(v, Argument(a, "other"), "<") < 0,
        ["le"] = (_, v, a) => Py.Compare(v, Argument(a, "other"), "<=") <= 0,
        ["gt"] = (_, v, a) => Py.Compare(v, Argument(a, "other"), ">") > 0,
        ["ge"] = (_, v, a) => Py.Compare(v, Argument(a, "other"), ">=") >= 0,
        ["filter"] = (_, v, _) => v is string name && Filters.TryGet(name, out _),
        ["test"] = (_, v, _) => v is string name && TryGet(name, out _),
    };

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["equalto"] = "eq",
        ["=="] = "eq",
        ["!="] = "ne",
        ["lessthan"] = "lt",
        ["<"] = "lt",
        ["<="] = "le",
        ["greaterthan"] = "gt",
        [">"] = "gt",
        [">="] = "ge",
    };

    public static IEnumerable<string> Names => Table.Keys.Concat(Aliases.Keys);

    public static bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TestFunction? test) =>
        Table.TryGetValue(Aliases.GetValueOrDefault(name, name), out test);

    private static object? Argument(CallArgs args, string name) =>
        args.TryGet(0, name, out object? value) ? value : throw new JinjaError($"the test needs the argument '{name}'");

    private static bool SameAs(object? a, object? b) => a switch
    {
        null => b is null,
        bool x => b is bool y && x == y,
        long x => b is long y && x == y && x is >= -5 and <= 256,
        _ => ReferenceEquals(a, b),
    };
}
