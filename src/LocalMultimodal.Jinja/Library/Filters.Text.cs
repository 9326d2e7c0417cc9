using System.Text;
using System.Text.RegularExpressions;
using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Library;

/// <summary>The string filters.</summary>
internal static partial class Filters
{
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&#34;",
                '\'' => "&#39;",
                _ => null,
            } ?? c.ToString());
        }

        return builder.ToString();
    }

    private static object? Indent(RenderContext context, object? value, CallArgs args)
    {
        if (value is Undefined u)
        {
            throw u.Fail();
        }

        object? width = args.Get(0, "width", 4L);
        bool first = Py.Truthy(args.Get(1, "first", false));
        bool blank = Py.Truthy(args.Get(2, "blank", false));
        long spaces = width is string ? 0 : Py.ToLong(width);
        context.CheckLength(spaces);
        string indentation = width is string w ? w : new string(' ', (int)Math.Max(0, spaces));
        List<string> lines = PyString.SplitLines(Py.Str(value) + "\n");
        var builder = new StringBuilder();
        if (blank)
        {
            builder.AppendJoin("\n" + indentation, lines);
        }
        else if (lines.Count > 0)
        {
            builder.Append(lines[0]);
            for (int i = 1; i < lines.Count; i++)
            {
                builder.Append('\n');
                if (lines[i].Length > 0)
                {
                    builder.Append(indentation);
                }

                builder.Append(lines[i]);
                context.CheckLength(builder.Length);
            }
        }

        if (first)
        {
            builder.Insert(0, indentation);
        }

        context.CheckLength(builder.Length);
        return builder.ToString();
    }

    /// <summary>Jinja2's <c>title</c> filter: words start after whitespace, dashes and opening brackets.</summary>
    private static string Title(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (string part in TitleSplitPattern().Split(text))
        {
            if (part.Length > 0)
            {
                builder.Append(part[..1].ToUpperInvariant()).Append(part[1..].ToLowerInvariant());
            }
        }

        return builder.ToString();
    }

    private static object? Truncate(RenderContext context, object? value, CallArgs args)
    {
        string text = Py.Str(value);
        long length = Py.ToLong(args.Get(0, "length", 255L));
        bool killWords = Py.Truthy(args.Get(1, "killwords", false));
        string end = Py.Str(args.Get(2, "end", "..."));
        long leeway = Py.ToLong(args.Get(3, "leeway", null) ?? 5L);
        if (length < end.Length)
        {
            throw new JinjaError($"expected length >= {end.Length}, got {length}");
        }

        if (text.Length <= length + leeway)
        {
            return text;
        }

        string head = text[..(int)(length - end.Length)];
        if (!killWords)
        {
            int space = head.LastIndexOf(' ');
            head = space >= 0 ? head[..space] : head;
        }

        return head + end;
    }

    [GeneratedRegex(@"([-\s({\[<]+)")]
    private static partial Regex TitleSplitPattern();

    [GeneratedRegex(@"\w+")]
    private static partial Regex WordPattern();
}
