using System.Diagnostics.CodeAnalysis;
using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Library;

/// <summary>
/// The filters chat templates use: Jinja2 3.1's built-ins (without the HTML/URL/random ones) and Hugging Face's
/// <c>tojson</c>.
/// </summary>
internal static partial class Filters
{
    private static readonly Dictionary<string, FilterFunction> Table = new(StringComparer.Ordinal)
    {
        ["abs"] = Abs,
        ["attr"] = (_, v, a) => v is JinjaDict d && a.Get(0, "name") is string n && !Methods.IsDictMethod(n) ? Undefined.Attribute(d, n) : Access.GetAttribute(v, Py.Str(a.Get(0, "name"))),
        ["batch"] = Batch,
        ["capitalize"] = (_, v, _) => PyString.Capitalize(Py.Str(v)),
        ["center"] = (c, v, a) => Methods.Pad(c, Py.Str(v), a.Get(0, "width", 80L), " ", 'c'),
        ["count"] = (_, v, _) => Py.Length(v),
        ["default"] = Default,
        ["dictsort"] = DictSort,
        ["escape"] = (_, v, _) => Escape(Py.Str(v)),
        ["first"] = (_, v, _) => Py.Iterate(v) is { Count: > 0 } items ? items[0] : new Undefined("No first item, sequence was empty."),
        ["float"] = ToFloat,
        ["forceescape"] = (_, v, _) => Escape(Py.Str(v)),
        ["groupby"] = GroupBy,
        ["format"] = (c, v, a) => PyFormat.Percent(c, Py.Str(v), a.Named is { Count: > 0 } named ? Dict(named) : new JinjaList(a.Positional, isTuple: true)),
        ["indent"] = Indent,
        ["int"] = ToInt,
        ["items"] = Items,
        ["join"] = Join,
        ["last"] = (_, v, _) => Py.Iterate(v) is { Count: > 0 } items ? items[^1] : new Undefined("No last item, sequence was empty."),
        ["length"] = (_, v, _) => Py.Length(v),
        ["list"] = (c, v, _) => NewList(c, Py.Iterate(v)),
        ["lower"] = (_, v, _) => PyString.Lower(Py.Str(v)),
        ["map"] = Map,
        ["max"] = (c, v, a) => MinMax(c, v, a, max: true),
        ["min"] = (c, v, a) => MinMax(c, v, a, max: false),
        ["reject"] = (c, v, a) => Select(c, v, a, byAttribute: false, keep: false),
        ["rejectattr"] = (c, v, a) => Select(c, v, a, byAttribute: true, keep: false),
        ["replace"] = (c, v, a) => Methods.Replace(c, Py.Str(v), a.Get(0, "old"), a.Get(1, "new"), a.Get(2, "count")),
        ["reverse"] = Reverse,
        ["round"] = Round,
        ["safe"] = (_, v, _) => Py.Str(v),
        ["select"] = (c, v, a) => Select(c, v, a, byAttribute: false, keep: true),
        ["selectattr"] = (c, v, a) => Select(c, v, a, byAttribute: true, keep: true),
        ["slice"] = Slice,
        ["sort"] = Sort,
        ["string"] = (_, v, _) => Py.Str(v),
        ["sum"] = Sum,
        ["title"] = (_, v, _) => Title(Py.Str(v)),
        ["tojson"] = (c, v, a) => Json.ToJson(c, v, a),
        ["trim"] = (_, v, a) => PyString.Strip(Py.Str(v), a.Get(0, "chars") as string, left: true, right: true),
        ["truncate"] = Truncate,
        ["unique"] = Unique,
        ["upper"] = (_, v, _) => PyString.Upper(Py.Str(v)),
        ["wordcount"] = (_, v, _) => (long)WordPattern().Count(Py.Str(v)),
    };

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["d"] = "default",
        ["e"] = "escape",
    };

    public static IEnumerable<string> Names => Table.Keys.Concat(Aliases.Keys);

    /// <summary>The parameters of the filters with a fixed signature: more arguments, or unknown names, fail as in Python.</summary>
    private static readonly Dictionary<string, string[]> Signatures = new(StringComparer.Ordinal)
    {
        ["abs"] = [], ["attr"] = ["name"], ["batch"] = ["linecount", "fill_with"], ["capitalize"] = [], ["center"] = ["width"],
        ["count"] = [], ["default"] = ["default_value", "boolean"], ["dictsort"] = ["case_sensitive", "by", "reverse"],
        ["escape"] = [], ["first"] = [], ["float"] = ["default"], ["forceescape"] = [], ["groupby"] = ["attribute", "default", "case_sensitive"], ["indent"] = ["width", "first", "blank"],
        ["int"] = ["default", "base"], ["items"] = [], ["join"] = ["d", "attribute"], ["last"] = [], ["length"] = [], ["list"] = [],
        ["lower"] = [], ["max"] = ["case_sensitive", "attribute"], ["min"] = ["case_sensitive", "attribute"],
        ["replace"] = ["old", "new", "count"], ["reverse"] = [], ["round"] = ["precision", "method"], ["safe"] = [],
        ["slice"] = ["slices", "fill_with"], ["sort"] = ["reverse", "case_sensitive", "attribute"], ["string"] = [],
        ["sum"] = ["attribute", "start"], ["title"] = [], ["tojson"] = ["ensure_ascii", "indent", "separators", "sort_keys"],
        ["trim"] = ["chars"], ["truncate"] = ["length", "killwords", "end", "leeway"], ["unique"] = ["case_sensitive", "attribute"],
        ["upper"] = [], ["wordcount"] = [],
    };

    public static bool TryGet(string name, [NotNullWhen(true)] out FilterFunction? filter)
    {
        string key = Aliases.GetValueOrDefault(name, name);
        if (!Table.TryGetValue(key, out FilterFunction? body))
        {
            filter = null;
            return false;
        }

        filter = Signatures.TryGetValue(key, out string[]? parameters)
            ? (context, value, args) =>
            {
                if (args.Count > parameters.Length || args.Named is not null)
                {
                    args.Expect(key, parameters.Length, parameters);
                }

                return body(context, value, args);
            }
            : body;
        return true;
    }

    private static JinjaDict Dict(List<KeyValuePair<string, object?>> pairs)
    {
        var dict = new JinjaDict(pairs.Count);
        foreach (var (key, value) in pairs)
        {
            dict.Set(key, value);
        }

        return dict;
    }

    private static JinjaList NewList(RenderContext context, IEnumerable<object?> items)
    {
        var list = new List<object?>(items);
        context.Step(list.Count);
        return new JinjaList(list);
    }

    private static object? Default(RenderContext context, object? value, CallArgs args)
    {
        bool boolean = Py.Truthy(args.Get(1, "boolean", false));
        return value is Undefined || (boolean && !Py.Truthy(value)) ? args.Get(0, "default_value", string.Empty) : value;
    }

    /// <summary>Jinja2's attribute getter: <c>"a.b"</c> walks items, digits index lists.</summary>
    public static Func<object?, object?> AttributeGetter(object? attribute, object? fallback = null, bool hasFallback = false)
    {
        string[] parts = attribute is long l ? [l.ToString(System.Globalization.CultureInfo.InvariantCulture)] : Py.Str(attribute).Split('.');
        return item =>
        {
            foreach (string part in parts)
            {
                item = Access.GetItem(item, long.TryParse(part, out long index) ? index : part);
                if (hasFallback && item is Undefined)
                {
                    item = fallback;
                }
            }

            return item;
        };
    }
}
