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
                if (value is string c)
                {
                    return c;
                }

                long code = Py.ToLong(value);
                return code is < 0 or > 0x10FFFF
                    ? throw new JinjaError("%c arg not in range(0x110000)")
                    : char.ConvertFromUtf32(code is >= 0xD800 and <= 0xDFFF ? 0xFFFD : (int)code);
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

            string? spec = null;
            int colon = field.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
            {
                spec = field[(colon + 1)..];
                field = field[..colon];
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

            builder.Append(spec is { Length: > 0 } ? Spec(context, repr ? Py.Repr(value) : value, spec) : repr ? Py.Repr(value) : Py.Str(value));
            context.CheckLength(builder.Length);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Python's format-spec mini-language, <c>[[fill]align][sign][0][width][,|_][.precision][type]</c>, for the
    /// types s, d, f, F, e, E, %, x, X, o and b.
    /// </summary>
    private static string Spec(RenderContext context, object? value, string spec)
    {
        int i = 0;
        char fill = ' ';
        char align = '\0';
        if (spec.Length >= 2 && spec[1] is '<' or '>' or '^' or '=')
        {
            fill = spec[0];
            align = spec[1];
            i = 2;
        }
        else if (spec.Length >= 1 && spec[0] is '<' or '>' or '^' or '=')
        {
            align = spec[0];
            i = 1;
        }

        char sign = i < spec.Length && spec[i] is '+' or '-' or ' ' ? spec[i++] : '-';
        bool alternate = i < spec.Length && spec[i] == '#';
        if (alternate)
        {
            i++;
        }
        if (i < spec.Length && spec[i] == '0')
        {
            if (align == '\0')
            {
                fill = '0';
                align = '=';
            }

            i++;
        }

        int width = ReadNumber(spec, ref i);
        context.CheckLength(width);
        char grouping = i < spec.Length && spec[i] is ',' or '_' ? spec[i++] : '\0';
        int precision = -1;
        if (i < spec.Length && spec[i] == '.')
        {
            i++;
            precision = ReadNumber(spec, ref i);
            context.CheckLength(precision);
        }

        char type = i < spec.Length ? spec[i++] : '\0';
        if (i != spec.Length)
        {
            throw new JinjaError($"Invalid format specifier '{spec}'");
        }

        string body;
        bool numeric = value is long or double or bool && type != 's';
        if (!numeric)
        {
            if (type is not ('\0' or 's') || value is not string text)
            {
                throw new JinjaError($"Unknown format code '{type}' for object of type '{Py.TypeName(value)}'");
            }

            body = precision >= 0 && precision < text.Length ? text[..precision] : text;
            return Align(body, string.Empty, width, fill, align == '\0' ? '<' : align);
        }

        double number = Py.ToDouble(value);
        bool negative = number < 0 || (number == 0 && double.IsNegative(number));
        CultureInfo c = CultureInfo.InvariantCulture;
        switch (type)
        {
            case 'd' or 'n' when value is long or bool:
            case '\0' when value is long or bool:
                body = Math.Abs((decimal)Py.ToLong(value)).ToString(grouping == '\0' ? "0" : "#,0", c);
                break;
            case 'g' or 'G':
            case '\0' when value is double && precision >= 0:
                body = General(Math.Abs(number), precision < 0 ? 6 : Math.Max(precision, 1), type == 'G', type == '\0');
                break;
            case 'f' or 'F' or '%' or '\0' when value is double || type != '\0':
                double shown = Math.Abs(type == '%' ? number * 100 : number);
                int digits = precision < 0 ? (type == '\0' ? -1 : 6) : precision;
                body = digits < 0 ? PyFloat.Repr(shown) : shown.ToString((grouping == '\0' ? "F" : "N") + digits.ToString(c), c);
                if (type == '%')
                {
                    body += "%";
                }

                break;
            case 'e' or 'E':
                string mantissa = Math.Abs(number).ToString((type == 'e' ? "e" : "E") + (precision < 0 ? 6 : precision).ToString(c), c);
                int e = mantissa.IndexOfAny(['e', 'E']);
                int exponent = int.Parse(mantissa[(e + 1)..], NumberStyles.AllowLeadingSign, c);
                body = mantissa[..(e + 1)] + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", c);
                break;
            case 'x' or 'X' or 'o' or 'b' when value is long or bool:
                long whole = Math.Abs(Py.ToLong(value));
                body = type switch
                {
                    'x' => whole.ToString("x", c),
                    'X' => whole.ToString("X", c),
                    'o' => System.Convert.ToString(whole, 8),
                    _ => System.Convert.ToString(whole, 2),
                };
                if (alternate)
                {
                    body = "0" + (type == 'X' ? 'X' : type) + body;
                }

                break;
            default:
                throw new JinjaError($"Unknown format code '{type}' for object of type '{Py.TypeName(value)}'");
        }

        if (grouping == '_')
        {
            body = body.Replace(',', '_');
        }

        string prefix = negative ? "-" : sign == '+' ? "+" : sign == ' ' ? " " : string.Empty;
        return Align(body, prefix, width, fill, align == '\0' ? '>' : align);
    }

    /// <summary>Python's <c>g</c> format (and the float default with a precision, which keeps a ".0").</summary>
    private static string General(double value, int precision, bool upper, bool keepPoint)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        if (value == 0)
        {
            return keepPoint ? "0.0" : "0";
        }

        string scientific = value.ToString("E" + (precision - 1).ToString(c), c);
        int e = scientific.IndexOf('E', StringComparison.Ordinal);
        int exponent = int.Parse(scientific[(e + 1)..], NumberStyles.AllowLeadingSign, c);
        if (exponent >= -4 && exponent < precision)
        {
            string fixedText = value.ToString("F" + (precision - 1 - exponent).ToString(c), c);
            if (fixedText.Contains('.', StringComparison.Ordinal))
            {
                fixedText = fixedText.TrimEnd('0').TrimEnd('.');
            }

            return keepPoint && !fixedText.Contains('.', StringComparison.Ordinal) ? fixedText + ".0" : fixedText;
        }

        string mantissa = scientific[..e];
        if (mantissa.Contains('.', StringComparison.Ordinal))
        {
            mantissa = mantissa.TrimEnd('0').TrimEnd('.');
        }

        return mantissa + (upper ? "E" : "e") + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", c);
    }

    private static string Align(string body, string prefix, int width, char fill, char align)
    {
        int padding = Math.Max(0, width - body.Length - prefix.Length);
        return align switch
        {
            '<' => prefix + body + new string(fill, padding),
            '^' => new string(fill, padding / 2) + prefix + body + new string(fill, padding - (padding / 2)),
            '=' => prefix + new string(fill, padding) + body,
            _ => new string(fill, padding) + prefix + body,
        };
    }
}
