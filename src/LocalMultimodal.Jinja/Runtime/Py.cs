using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace LocalMultimodal.Jinja.Runtime;

/// <summary>Python's semantics for the values a template sees: truth, equality, ordering, str() and repr().</summary>
internal static class Py
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string TypeName(object? value) => value switch
    {
        null => "NoneType",
        bool => "bool",
        long => "int",
        double => "float",
        string => "str",
        JinjaList { IsTuple: true } => "tuple",
        JinjaList => "list",
        JinjaDict => "dict",
        Undefined => "Undefined",
        Namespace => "Namespace",
        LoopInfo => "LoopContext",
        Macro => "Macro",
        BoundMethod => "builtin_function_or_method",
        Callable => "function",
        _ => value.GetType().Name,
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool Truthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        long l => l != 0,
        double d => d != 0,
        string s => s.Length > 0,
        JinjaList l => l.Count > 0,
        JinjaDict d => d.Count > 0,
        Undefined => false,
        _ => true,
    };

    public static bool IsNumber(object? value) => value is long or double or bool;

    public static double ToDouble(object? value) => value switch
    {
        long l => l,
        double d => d,
        bool b => b ? 1 : 0,
        _ => throw new JinjaError($"expected a number, got '{TypeName(value)}'"),
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool Equal(object? a, object? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        switch (a)
        {
            case null:
                return false;
            case string sa:
                return b is string sb && string.Equals(sa, sb, StringComparison.Ordinal);
            case long or double or bool:
                if (!IsNumber(b))
                {
                    return false;
                }

                if (a is double || b is double)
                {
                    return ToDouble(a) == ToDouble(b);
                }

                return ToLong(a) == ToLong(b);
            case JinjaList la:
                if (b is not JinjaList lb || la.IsTuple != lb.IsTuple || la.Count != lb.Count)
                {
                    return false;
                }

                // Templates can build lists nested thousands deep; comparing them must not overflow the stack.
                RuntimeHelpers.EnsureSufficientExecutionStack();

                for (int i = 0; i < la.Count; i++)
                {
                    if (!Equal(la[i], lb[i]))
                    {
                        return false;
                    }
                }

                return true;
            case JinjaDict da:
                if (b is not JinjaDict db || da.Count != db.Count)
                {
                    return false;
                }

                RuntimeHelpers.EnsureSufficientExecutionStack();

                foreach (var (key, value) in da.Items)
                {
                    if (!db.Items.TryGetValue(key, out object? other) || !Equal(value, other))
                    {
                        return false;
                    }
                }

                return true;
            case Undefined:
                return b is Undefined;
            default:
                return false;
        }
    }

    public static long ToLong(object? value) => value switch
    {
        long l => l,
        bool b => b ? 1 : 0,
        double d => (long)d,
        _ => throw new JinjaError($"expected an integer, got '{TypeName(value)}'"),
    };

    /// <summary>Python's ordering (&lt;, &gt;...): numbers with numbers, strings with strings, sequences item by item.</summary>
    public static int Compare(object? a, object? b, string op = "<")
    {
        if (a is Undefined ua)
        {
            throw ua.Fail();
        }

        if (b is Undefined ub)
        {
            throw ub.Fail();
        }

        if (IsNumber(a) && IsNumber(b))
        {
            return a is double || b is double ? ToDouble(a).CompareTo(ToDouble(b)) : ToLong(a).CompareTo(ToLong(b));
        }

        if (a is string sa && b is string sb)
        {
            return string.CompareOrdinal(sa, sb);
        }

        if (a is JinjaList la && b is JinjaList lb && la.IsTuple == lb.IsTuple)
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
            for (int i = 0; i < la.Count && i < lb.Count; i++)
            {
                if (!Equal(la[i], lb[i]))
                {
                    return Compare(la[i], lb[i], op);
                }
            }

            return la.Count.CompareTo(lb.Count);
        }

        throw new JinjaError($"'{op}' not supported between instances of '{TypeName(a)}' and '{TypeName(b)}'");
    }

    /// <summary>Python's <c>str()</c>, which is what <c>{{ value }}</c> prints.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string Str(object? value) => value switch
    {
        string s => s,
        null => "None",
        bool b => b ? "True" : "False",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => PyFloat.Repr(d),
        Undefined => string.Empty,
        _ => Repr(value),
    };

    public static string Repr(object? value)
    {
        if (value is string s)
        {
            return ReprString(s);
        }

        if (value is JinjaList or JinjaDict or Namespace)
        {
            var builder = new StringBuilder();
            Repr(builder, value, 0);
            return builder.ToString();
        }

        return value switch
        {
            Undefined => "Undefined",
            Macro m => $"<Macro '{m.Name}'>",
            LoopInfo => "<LoopContext>",
            Callable c => $"<built-in function {c.Name}>",
            _ => Str(value),
        };
    }

    private static void Repr(StringBuilder builder, object? value, int depth)
    {
        if (depth > 200)
        {
            throw new JinjaError("the value nests too deep to print");
        }

        switch (value)
        {
            case JinjaList list:
                builder.Append(list.IsTuple ? '(' : '[');
                for (int i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(", ");
                    }

                    Repr(builder, list[i], depth + 1);
                }

                builder.Append(list.IsTuple ? (list.Count == 1 ? ",)" : ")") : "]");
                break;
            case JinjaDict dict:
                builder.Append('{');
                bool first = true;
                foreach (var (key, item) in dict.Items)
                {
                    if (!first)
                    {
                        builder.Append(", ");
                    }

                    first = false;
                    Repr(builder, JinjaDict.Unkey(key), depth + 1);
                    builder.Append(": ");
                    Repr(builder, item, depth + 1);
                }

                builder.Append('}');
                break;
            case Namespace ns:
                builder.Append("<Namespace {");
                bool firstAttribute = true;
                foreach (var (key, item) in ns.Attributes)
                {
                    builder.Append(firstAttribute ? string.Empty : ", ").Append(ReprString(key)).Append(": ");
                    firstAttribute = false;
                    Repr(builder, item, depth + 1);
                }

                builder.Append("}>");
                break;
            default:
                builder.Append(Repr(value));
                break;
        }
    }

    public static string ReprString(string s)
    {
        char quote = s.Contains('\'', StringComparison.Ordinal) && !s.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        var builder = new StringBuilder(s.Length + 2);
        builder.Append(quote);
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            switch (c)
            {
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c == quote)
                    {
                        builder.Append('\\').Append(c);
                    }
                    else if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                    {
                        builder.Append(c).Append(s[++i]);
                    }
                    else if (c < 0x20 || (c >= 0x7f && c < 0xa0))
                    {
                        builder.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else if (c >= 0xa0 && !IsPrintable(c))
                    {
                        builder.Append(c <= 0xff ? "\\x" : "\\u").Append(((int)c).ToString(c <= 0xff ? "x2" : "x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append(quote).ToString();
    }

    private static bool IsPrintable(char c) => CharUnicodeInfo.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.SpaceSeparator => false,
        _ => true,
    };

    /// <summary>Python's <c>str.isspace</c> for one character.</summary>
    public static bool IsSpace(char c) => char.IsWhiteSpace(c) || (c >= '\x1c' && c <= '\x1f');

    /// <summary>The items a for loop sees: list items, dict keys, string characters; undefined gives none.</summary>
    public static IReadOnlyList<object?> Iterate(object? value) => value switch
    {
        JinjaList list => list.Items,
        JinjaDict dict => dict.Items.Keys.Select(JinjaDict.Unkey).ToList(),
        string s => PyString.Chars(s),
        Undefined u => u.IsUnsafe ? throw u.Fail() : [],
        _ => throw new JinjaError($"'{TypeName(value)}' object is not iterable"),
    };

    public static long Length(object? value) => value switch
    {
        string s => PyString.Length(s),
        JinjaList l => l.Count,
        JinjaDict d => d.Count,
        Undefined => 0,
        Namespace n => n.Attributes.Count,
        _ => throw new JinjaError($"object of type '{TypeName(value)}' has no len()"),
    };

    public static bool Contains(object? container, object? item)
    {
        switch (container)
        {
            case string s:
                return item is string sub
                    ? s.Contains(sub, StringComparison.Ordinal)
                    : throw new JinjaError($"'in <string>' requires string as left operand, not {TypeName(item)}");
            case JinjaList list:
                foreach (object? element in list.Items)
                {
                    if (Equal(element, item))
                    {
                        return true;
                    }
                }

                return false;
            case JinjaDict dict:
                return item is not JinjaList { IsTuple: false } and not JinjaDict && dict.Items.ContainsKey(JinjaDict.Key(item));
            case Undefined:
                return false;
            default:
                throw new JinjaError($"argument of type '{TypeName(container)}' is not iterable");
        }
    }
}
