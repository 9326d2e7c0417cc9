using System.Globalization;

namespace LocalMultimodal.Media.Tensors;

/// <summary>
/// Parses the header of a .npy file: a Python dict literal such as
/// <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (2, 3), }</c>. Only what NumPy writes is
/// understood (string keys; string, boolean and integer-tuple values); nothing is evaluated.
/// </summary>
internal sealed class NpyHeaderParser
{
    private const int MaxDigits = 18;

    private readonly string _text;
    private int _position;

    private NpyHeaderParser(string text) => _text = text;

    /// <summary>The dict's entries: each value a <see cref="string"/>, <see cref="bool"/> or <c>long[]</c>.</summary>
    public static Dictionary<string, object> Parse(string header)
    {
        var parser = new NpyHeaderParser(header);
        Dictionary<string, object> entries = parser.ParseDict();
        parser.SkipWhitespace();
        return parser._position == header.Length ? entries : throw Invalid();
    }

    private Dictionary<string, object> ParseDict()
    {
        var entries = new Dictionary<string, object>(StringComparer.Ordinal);
        Expect('{');
        while (!TryConsume('}'))
        {
            string key = ParseString();
            Expect(':');
            if (!entries.TryAdd(key, ParseValue()))
            {
                throw Invalid();
            }

            if (!TryConsume(','))
            {
                Expect('}');
                break;
            }
        }

        return entries;
    }

    private object ParseValue()
    {
        SkipWhitespace();
        if (Peek() is '\'' or '"')
        {
            return ParseString();
        }

        if (Peek() == '(')
        {
            return ParseTuple();
        }

        if (TryWord("True"))
        {
            return true;
        }

        return TryWord("False") ? false : throw Invalid();
    }

    private long[] ParseTuple()
    {
        var items = new List<long>();
        Expect('(');
        while (!TryConsume(')'))
        {
            items.Add(ParseInteger());
            if (!TryConsume(','))
            {
                Expect(')');
                break;
            }
        }

        return [.. items];
    }

    private long ParseInteger()
    {
        SkipWhitespace();
        int start = _position;
        if (Peek() == '-')
        {
            _position++;
        }

        while (char.IsAsciiDigit(Peek()))
        {
            _position++;
        }

        string digits = _text[start.._position];

        // NumPy files written under Python 2 spell dimensions as longs: (3L, 4L).
        TryConsume('L');
        return digits.TrimStart('-').Length is > 0 and <= MaxDigits
            ? long.Parse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
            : throw Invalid();
    }

    private string ParseString()
    {
        SkipWhitespace();
        char quote = Peek();
        if (quote is not ('\'' or '"'))
        {
            throw Invalid();
        }

        int end = _text.IndexOf(quote, _position + 1);
        if (end < 0)
        {
            throw Invalid();
        }

        string value = _text[(_position + 1)..end];
        _position = end + 1;

        // NumPy never escapes in these strings; a backslash means something else wrote the header.
        return value.Contains('\\') ? throw Invalid() : value;
    }

    private bool TryWord(string word)
    {
        if (string.CompareOrdinal(_text, _position, word, 0, word.Length) != 0)
        {
            return false;
        }

        _position += word.Length;
        return true;
    }

    private void Expect(char c)
    {
        if (!TryConsume(c))
        {
            throw Invalid();
        }
    }

    private bool TryConsume(char c)
    {
        SkipWhitespace();
        if (Peek() != c)
        {
            return false;
        }

        _position++;
        return true;
    }

    private void SkipWhitespace()
    {
        while (Peek() is ' ' or '\n' or '\t' or '\r')
        {
            _position++;
        }
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private static Errors.InvalidRequestException Invalid() =>
        TensorErrors.Invalid("The .npy header is not the dict NumPy writes ({'descr': ..., 'fortran_order': ..., 'shape': (...)}).");
}
