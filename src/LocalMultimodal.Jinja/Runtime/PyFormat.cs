using System.Globalization;
using System.Text;

namespace LocalMultimodal.Jinja.Runtime;

/// <summary>Python's <c>"%s" % args</c> (also the <c>format</c> filter) and <c>"{}".format(args)</c>, for the common conversions.</summary>
internal static class PyFormat
{
    public static string Percent(RenderContext context, string format, object? arguments)
    {
        IReadOnlyList<object?> values = arguments is JinjaList { IsTuple: true } tuple ? tuple.Items : [arguments];
        var mapping = arguments as JinjaDict;
        var builder = new StringBuilder();
        int next = 0;
        for (int i = 0; i < format.Length; i++)
        {
            char c = format[i];
            if (c != '%')
            {
                builder.Append(c);
                continue;
            }

            if (++i >= format.Length)
            {
                throw new JinjaError("incomplete format");
            }

            object? value;
            bool keyed = false;
            if (format[i] == '(')
            {
                int close = format.IndexOf(')', i);
                if (close < 0 || mapping is null)
                {
                    throw new JinjaError("format requires a mapping");
                }

                value = mapping.TryGet(format[(i + 1)..close], out object? found) ? found : throw new JinjaError($"KeyError: '{format[(i + 1)..close]}'");
                keyed = true;
                i = close + 1;
            }
            else
            {
                value = null;
            }

            string flags = string.Empty;
            while (i < format.Length && format[i] is '-' or '+' or ' ' or '#' or '0')
            {
                flags += format[i++];
            }

            int width = ReadNumber(format, ref i);
            context.CheckLength(width);
            int precision = -1;
            if (i < format.Length && format[i] == '.')
            {
                i++;
                precision = ReadNumber(format, ref i);
                context.CheckLength(precision);
            }

            if (i >= format.Length)
            {
                throw new JinjaError("incomplete format");
            }

            char conversion = format[i];
            if (conversion == '%')
            {
                builder.Append('%');
                continue;
            }

            if (!keyed)
            {
                value = next < values.Count ? values[next++] : throw new JinjaError("not enough arguments for format string");
            }

            string text = Convert(value, conversion, precision, flags);
            text = width > text.Length
                ? flags.Contains('-', StringComparison.Ordinal) ? text.PadRight(width)
                : flags.Contains('0', StringComparison.Ordinal) && conversion is not ('s' or 'r') ? ZeroPad(text, width) : text.PadLeft(width)
                : text;
            builder.Append(text);
            context.CheckLength(builder.Length);
        }

        if (mapping is null && next < values.Count && arguments is JinjaList { IsTuple: true })
        {
            throw new JinjaError("not all arguments converted during string formatting");
        }

        return builder.ToString();
    }

    private static string ZeroPad(string text, int width) => text.Length > 0 && text[0] is '-' or '+'
        ? text[0] + text[1..].PadLeft(width - 1, '0')
        : text.PadLeft(width, '0');

    private static int ReadNumber(string format, ref int i)
    {
        int start = i;
        while (i < format.Length && char.IsAsciiDigit(format[i]))
        {
            i++;
        }

        if (i == start)
        {
            return start < format.Length && format[start] == '.' ? 0 : -1;
        }

        return int.TryParse(format[start..i], NumberStyles.None, CultureInfo.InvariantCulture, out int number) ? number : int.MaxValue;
    }

    private static string Convert(object? value, char conversion, int precision, string flags)
    {
        string sign = flags.Contains('+', StringComparison.Ordinal) ? "+" : flags.Contains(' ', StringComparison.Ordinal) ? " " : string.Empty;
        switch (conversion)
        {
            case 's':
                string s = Py.Str(value);
                return precision >= 0 && precision < s.Length ? s[..precision] : s;
            case 'r':
            case 'a':
                return Py.Repr(value);
            case 'd':
            case 'i':
            case 'u':
                long l = value is double d ? (long)d : Py.ToLong(value);
                return (l >= 0 ? sign : string.Empty) + l.ToString(CultureInfo.InvariantCulture);
            case 'f':
            case 'F':
                double f = Py.ToDouble(value);
                return (f >= 0 ? sign : string.Empty) + f.ToString("F" + (precision < 0 ? 6 : precision).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            case 'x':
            case 'X':
                long h = Py.ToLong(value);
                string hex = Math.Abs(h).ToString(conversion == 'x' ? "x" : "X", CultureInfo.InvariantCulture);
                return (h < 0 ? "-" : sign) + hex;
            case 'c':
                return value is string c ? c : char.ConvertFromUtf32((int)Py.ToLong(value));
            default:
                throw new JinjaError($"unsupported format character '{conversion}'");
        }
    }

    /// <summary><c>str.format</c> with <c>{}</c>, <c>{0}</c>, <c>{name}</c> and <c>!r</c>/<c>!s</c>; no format specs.</summary>
    public static string Braces(RenderContext context, string format, CallArgs args)
    {
        var builder = new StringBuilder();
        int automatic = 0;
        for (int i = 0; i < format.Length; i++)
        {
            char c = format[i];
            if (c == '}' )
            {
                if (i + 1 < format.Length && format[i + 1] == '}')
                {
                    i++;
                    builder.Append('}');
                    continue;
                }

                throw new JinjaError("Single '}' encountered in format string");
            }

            if (c != '{')
            {
                builder.Append(c);
                continue;
            }

            if (i + 1 < format.Length && format[i + 1] == '{')
            {
                i++;
                builder.Append('{');
                continue;
            }

            int close = format.IndexOf('}', i);
            if (close < 0)
            {
                throw new JinjaError("Single '{' encountered in format string");
            }

            string field = format[(i + 1)..close];
            i = close;
            bool repr = false;
            int bang = field.IndexOf('!', StringComparison.Ordinal);
            if (bang >= 0)
            {
                repr = field[(bang + 1)..] == "r";
                field = field[..bang];
            }

            if (field.Contains(':', StringComparison.Ordinal))
            {
                throw new JinjaError("format specifications in str.format are not supported");
            }

            object? value;
            if (field.Length == 0)
            {
                value = automatic < args.Count ? args.Positional[automatic++] : throw new JinjaError("Replacement index out of range for positional args tuple");
            }
            else if (int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out int index))
            {
                value = index < args.Count ? args.Positional[index] : throw new JinjaError($"Replacement index {index} out of range for positional args tuple");
            }
            else
            {
                value = args.TryGet(-1, field, out object? named) ? named : throw new JinjaError($"KeyError: '{field}'");
            }

            builder.Append(repr ? Py.Repr(value) : Py.Str(value));
            context.CheckLength(builder.Length);
        }

        return builder.ToString();
    }
}
