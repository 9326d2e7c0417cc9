using System.Text;

namespace LocalMultimodal.Jinja.Runtime;

/// <summary>Python's str methods.</summary>
internal static partial class Methods
{
    private static object? CallString(RenderContext context, string s, string name, CallArgs args)
    {
        switch (name)
        {
            case "strip":
            case "lstrip":
            case "rstrip":
                object? chars = args.Get(0, "chars");
                return PyString.Strip(s, chars is null ? null : Text(chars, name), name != "rstrip", name != "lstrip");
            case "split":
            case "rsplit":
                return Split(s, args.Get(0, "sep"), Py.ToLong(args.Get(1, "maxsplit", -1L)), name == "rsplit");
            case "splitlines":
                return new JinjaList(PyString.SplitLines(s).Cast<object?>().ToList());
            case "startswith":
            case "endswith":
                return Affix(s, args.Get(0, "prefix"), name == "startswith", args.Get(1, "start"), args.Get(2, "end"));
            case "replace":
                return Replace(context, s, args.Get(0, "old"), args.Get(1, "new"), args.Get(2, "count"));
            case "upper":
                return PyString.Upper(s);
            case "lower":
            case "casefold":
                return PyString.Lower(s);
            case "title":
                return PyString.Title(s);
            case "capitalize":
                return PyString.Capitalize(s);
            case "swapcase":
                return string.Concat(s.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)));
            case "find":
            case "rfind":
            case "index":
            case "rindex":
                long at = Find(s, Text(args.Get(0, "sub"), name), args.Get(1, "start"), args.Get(2, "end"), name[0] == 'r');
                return at < 0 && name.EndsWith("index", StringComparison.Ordinal) ? throw new JinjaError("substring not found") : at;
            case "count":
                return (long)CountOf(s, Text(args.Get(0, "sub"), name));
            case "join":
                return JoinStrings(context, s, args.Get(0, "iterable"));
            case "format":
                return PyFormat.Braces(context, s, args);
            case "isdigit":
            case "isdecimal":
            case "isnumeric":
                return s.Length > 0 && s.All(char.IsDigit);
            case "isalpha":
                return s.Length > 0 && s.All(char.IsLetter);
            case "isalnum":
                return s.Length > 0 && s.All(char.IsLetterOrDigit);
            case "isspace":
                return s.Length > 0 && s.All(Py.IsSpace);
            case "isupper":
                return s.Any(char.IsUpper) && !s.Any(char.IsLower);
            case "islower":
                return s.Any(char.IsLower) && !s.Any(char.IsUpper);
            case "center":
                return Pad(context, s, args.Get(0, "width"), args.Get(1, "fillchar", " "), 'c');
            case "ljust":
                return Pad(context, s, args.Get(0, "width"), args.Get(1, "fillchar", " "), 'l');
            case "rjust":
                return Pad(context, s, args.Get(0, "width"), args.Get(1, "fillchar", " "), 'r');
            case "zfill":
                long width = Py.ToLong(args.Get(0, "width"));
                context.CheckLength(width);
                bool signed = s.Length > 0 && s[0] is '+' or '-';
                string digits = signed ? s[1..] : s;
                return width <= s.Length ? s : (signed ? s[..1] : string.Empty) + new string('0', (int)(width - s.Length)) + digits;
            case "partition":
            case "rpartition":
                string separator = Text(args.Get(0, "sep"), name);
                int split = name == "partition" ? s.IndexOf(separator, StringComparison.Ordinal) : s.LastIndexOf(separator, StringComparison.Ordinal);
                List<object?> parts = split < 0
                    ? (name == "partition" ? [s, string.Empty, string.Empty] : [string.Empty, string.Empty, s])
                    : [s[..split], separator, s[(split + separator.Length)..]];
                return new JinjaList(parts, isTuple: true);
            case "removeprefix":
                string prefix = Text(args.Get(0, "prefix"), name);
                return s.StartsWith(prefix, StringComparison.Ordinal) ? s[prefix.Length..] : s;
            default:
                string suffix = Text(args.Get(0, "suffix"), name);
                return s.EndsWith(suffix, StringComparison.Ordinal) ? s[..^suffix.Length] : s;
        }
    }

    private static JinjaList Split(string s, object? separator, long maxSplit, bool fromRight)
    {
        var parts = new List<object?>();
        if (separator is null)
        {
            string rest = PyString.Strip(s, null, left: !fromRight, right: fromRight);
            while (rest.Length > 0)
            {
                if (maxSplit >= 0 && parts.Count >= maxSplit)
                {
                    parts.Add(rest);
                    break;
                }

                if (fromRight)
                {
                    int end = rest.Length;
                    while (end > 0 && !Py.IsSpace(rest[end - 1]))
                    {
                        end--;
                    }

                    parts.Add(rest[end..]);
                    rest = PyString.Strip(rest[..end], null, left: false, right: true);
                }
                else
                {
                    int end = 0;
                    while (end < rest.Length && !Py.IsSpace(rest[end]))
                    {
                        end++;
                    }

                    parts.Add(rest[..end]);
                    rest = PyString.Strip(rest[end..], null, left: true, right: false);
                }
            }
        }
        else
        {
            string sep = Text(separator, "split");
            if (sep.Length == 0)
            {
                throw new JinjaError("empty separator");
            }

            string rest = s;
            while (maxSplit < 0 || parts.Count < maxSplit)
            {
                int at = fromRight ? rest.LastIndexOf(sep, StringComparison.Ordinal) : rest.IndexOf(sep, StringComparison.Ordinal);
                if (at < 0)
                {
                    break;
                }

                parts.Add(fromRight ? rest[(at + sep.Length)..] : rest[..at]);
                rest = fromRight ? rest[..at] : rest[(at + sep.Length)..];
            }

            parts.Add(rest);
        }

        if (fromRight)
        {
            parts.Reverse();
        }

        return new JinjaList(parts);
    }

    private static bool Affix(string s, object? affix, bool start, object? from, object? to)
    {
        if (from is null && to is null && affix is string whole)
        {
            return start ? s.StartsWith(whole, StringComparison.Ordinal) : s.EndsWith(whole, StringComparison.Ordinal);
        }

        string[] points = PyString.Points(s);
        int begin = from is null ? 0 : ClampIndex(Py.ToLong(from), points.Length);
        int end = to is null ? points.Length : ClampIndex(Py.ToLong(to), points.Length);
        string window = begin >= end ? string.Empty : string.Concat(points[begin..end]);
        if (begin > points.Length)
        {
            return false;
        }

        IEnumerable<object?> options = affix is JinjaList { IsTuple: true } tuple ? tuple.Items : [affix];
        foreach (object? option in options)
        {
            string text = Text(option, start ? "startswith" : "endswith");
            if (start ? window.StartsWith(text, StringComparison.Ordinal) : window.EndsWith(text, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static int ClampIndex(long index, int length) => (int)Math.Clamp(index < 0 ? index + length : index, 0, length);

    private static long Find(string s, string sub, object? from, object? to, bool last)
    {
        int begin = from is null ? 0 : ClampIndex(Py.ToLong(from), s.Length);
        int end = to is null ? s.Length : ClampIndex(Py.ToLong(to), s.Length);
        if (begin > end)
        {
            return -1;
        }

        string window = s[begin..end];
        int at = last ? window.LastIndexOf(sub, StringComparison.Ordinal) : window.IndexOf(sub, StringComparison.Ordinal);
        return at < 0 ? -1 : at + begin;
    }

    private static string JoinStrings(RenderContext context, string separator, object? iterable)
    {
        var builder = new StringBuilder();
        int index = 0;
        foreach (object? item in Py.Iterate(iterable))
        {
            if (item is not string text)
            {
                throw new JinjaError($"sequence item {index}: expected str instance, {Py.TypeName(item)} found");
            }

            if (index++ > 0)
            {
                builder.Append(separator);
            }

            builder.Append(text);
            context.CheckLength(builder.Length);
        }

        return builder.ToString();
    }
}
