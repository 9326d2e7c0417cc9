using System.Text;

namespace LocalMultimodal.Jinja.Runtime;

/// <summary>Python's view of a string as code points, so emoji count, index and slice as one character.</summary>
internal static class PyString
{
    public static bool IsBmp(string s) => s.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0;

    public static long Length(string s) => IsBmp(s) ? s.Length : s.EnumerateRunes().Count();

    public static List<object?> Chars(string s)
    {
        var chars = new List<object?>(s.Length);
        if (IsBmp(s))
        {
            foreach (char c in s)
            {
                chars.Add(c.ToString());
            }
        }
        else
        {
            foreach (Rune rune in s.EnumerateRunes())
            {
                chars.Add(rune.ToString());
            }
        }

        return chars;
    }

    /// <summary>The code points as strings, for indexing and slicing strings that hold surrogate pairs.</summary>
    public static string[] Points(string s) => IsBmp(s)
        ? s.Select(c => c.ToString()).ToArray()
        : s.EnumerateRunes().Select(r => r.ToString()).ToArray();

    public static string Strip(string s, string? chars, bool left, bool right)
    {
        int start = 0;
        int end = s.Length;
        while (left && start < end && Matches(s[start], chars))
        {
            start++;
        }

        while (right && end > start && Matches(s[end - 1], chars))
        {
            end--;
        }

        return s[start..end];

        static bool Matches(char c, string? chars) => chars is null ? Py.IsSpace(c) : chars.Contains(c, StringComparison.Ordinal);
    }

    /// <summary>Python's <c>str.splitlines()</c> (without keepends).</summary>
    public static List<string> SplitLines(string s)
    {
        var lines = new List<string>();
        int start = 0;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c is '\n' or '\r' or '\v' or '\f' or '\x1c' or '\x1d' or '\x1e' or '\x85' or '\u2028' or '\u2029')
            {
                lines.Add(s[start..i]);
                if (c == '\r' && i + 1 < s.Length && s[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (start < s.Length)
        {
            lines.Add(s[start..]);
        }

        return lines;
    }

    /// <summary>Python's <c>str.upper()</c>, with the one full case mapping European text meets: ß becomes SS.</summary>
    public static string Upper(string s)
    {
        string upper = s.ToUpperInvariant();
        return upper.Contains('ß', StringComparison.Ordinal) ? upper.Replace("ß", "SS", StringComparison.Ordinal) : upper;
    }

    /// <summary>Python's <c>str.lower()</c>, with İ becoming i and a combining dot as in Python.</summary>
    public static string Lower(string s)
    {
        string lower = s.ToLowerInvariant();
        return s.Contains('İ', StringComparison.Ordinal) ? s.Replace("İ", "i\u0307", StringComparison.Ordinal).ToLowerInvariant() : lower;
    }

    public static string Capitalize(string s) => s.Length == 0 ? s : s[..1].ToUpperInvariant() + s[1..].ToLowerInvariant();

    /// <summary>Python's <c>str.title()</c>: a cased letter after an uncased character starts a word.</summary>
    public static string Title(string s)
    {
        var builder = new StringBuilder(s.Length);
        bool previousCased = false;
        foreach (char c in s)
        {
            builder.Append(previousCased ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c));
            previousCased = char.IsLetter(c);
        }

        return builder.ToString();
    }
}
