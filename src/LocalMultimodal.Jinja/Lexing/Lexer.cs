using System.Globalization;
using System.Text;

namespace LocalMultimodal.Jinja.Lexing;

/// <summary>
/// Jinja2's lexer with Hugging Face's settings: <c>trim_blocks</c> drops the newline after a block or comment
/// tag, <c>lstrip_blocks</c> drops the indentation before one, <c>-</c> strips all whitespace on its side,
/// <c>+</c> keeps it.
/// </summary>
internal sealed class Lexer
{
    private static readonly string[] Operators = ["//", "**", "==", "!=", ">=", "<=", "+", "-", "*", "/", "%", "~", "[", "]", "(", ")", "{", "}", "=", ".", ":", ",", "|", "<", ">", ";"];

    private readonly SourceText _source;
    private readonly string _text;
    private readonly List<Token> _tokens = [];
    private int _position;
    private bool _lineStarting = true;

    private Lexer(SourceText source)
    {
        _source = source;
        _text = source.Text;
    }

    public static List<Token> Tokenize(SourceText source)
    {
        var lexer = new Lexer(source);
        lexer.Run();
        return lexer._tokens;
    }

    private void Run()
    {
        while (_position < _text.Length)
        {
            int tag = FindTag(_position);
            if (tag < 0)
            {
                AddData(_text[_position..], _position);
                break;
            }

            char kind = _text[tag + 1];
            int after = tag + 2;
            char sign = after < _text.Length && _text[after] is '-' or '+' ? _text[after] : '\0';
            int inner = sign == '\0' ? after : after + 1;
            int rawEnd = kind == '%' ? MatchRawBegin(inner) : -1;
            AddData(StripBefore(_text[_position..tag], sign, kind != '{'), _position);
            _position = inner;
            if (rawEnd >= 0)
            {
                _position = rawEnd;
                _lineStarting = _text[rawEnd - 1] == '\n';
                LexRaw(tag);
            }
            else if (kind == '#')
            {
                LexComment(tag);
            }
            else
            {
                LexTag(kind == '{', tag);
            }
        }

        _tokens.Add(new Token(TokenKind.End, string.Empty, _text.Length));
    }

    private int FindTag(int from)
    {
        for (int i = _text.IndexOf('{', from); i >= 0 && i + 1 < _text.Length; i = _text.IndexOf('{', i + 1))
        {
            if (_text[i + 1] is '{' or '%' or '#')
            {
                return i;
            }
        }

        return -1;
    }

    private void AddData(string text, int position)
    {
        if (text.Length > 0)
        {
            _tokens.Add(new Token(TokenKind.Data, text, position));
        }
    }

    /// <summary>Jinja2's OptionalLStrip: <c>-</c> strips all trailing whitespace, lstrip_blocks the indentation of a block's own line.</summary>
    private string StripBefore(string text, char sign, bool isBlockOrComment)
    {
        if (sign == '-')
        {
            return PyStrip(text);
        }

        if (sign == '+' || !isBlockOrComment)
        {
            return text;
        }

        int lineStart = text.LastIndexOf('\n') + 1;
        if ((lineStart > 0 || _lineStarting) && lineStart < text.Length && IsAllSpace(text, lineStart))
        {
            return text[..lineStart];
        }

        return text;
    }

    private static string PyStrip(string text)
    {
        int end = text.Length;
        while (end > 0 && Runtime.Py.IsSpace(text[end - 1]))
        {
            end--;
        }

        return text[..end];
    }

    private static bool IsAllSpace(string text, int from)
    {
        for (int i = from; i < text.Length; i++)
        {
            if (!Runtime.Py.IsSpace(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Matches <c>\s*raw\s*(-%}\s*|%})</c>; returns the end of the match or -1.</summary>
    private int MatchRawBegin(int from)
    {
        int i = SkipSpace(from);
        if (string.CompareOrdinal(_text, i, "raw", 0, 3) != 0)
        {
            return -1;
        }

        i = SkipSpace(i + 3);
        if (string.CompareOrdinal(_text, i, "-%}", 0, 3) == 0)
        {
            return SkipSpace(i + 3);
        }

        return string.CompareOrdinal(_text, i, "%}", 0, 2) == 0 ? i + 2 : -1;
    }

    private int SkipSpace(int i)
    {
        while (i < _text.Length && Runtime.Py.IsSpace(_text[i]))
        {
            i++;
        }

        return i;
    }

    private void LexRaw(int begin)
    {
        for (int tag = _text.IndexOf("{%", _position, StringComparison.Ordinal); tag >= 0; tag = _text.IndexOf("{%", tag + 1, StringComparison.Ordinal))
        {
            int i = tag + 2;
            char sign = i < _text.Length && _text[i] is '-' or '+' ? _text[i] : '\0';
            i = SkipSpace(sign == '\0' ? i : i + 1);
            if (string.CompareOrdinal(_text, i, "endraw", 0, 6) != 0)
            {
                continue;
            }

            i = SkipSpace(i + 6);
            int end = MatchBlockEnd(i);
            if (end < 0)
            {
                continue;
            }

            AddData(StripBefore(_text[_position..tag], sign, true), _position);
            _position = end;
            _lineStarting = _text[end - 1] == '\n';
            return;
        }

        throw _source.Error("Missing end of raw directive", begin);
    }

    /// <summary>Matches <c>+%}</c>, <c>-%}\s*</c> or <c>%}\n?</c> (trim_blocks); returns the end of the match or -1.</summary>
    private int MatchBlockEnd(int i)
    {
        if (string.CompareOrdinal(_text, i, "+%}", 0, 3) == 0)
        {
            return i + 3;
        }

        if (string.CompareOrdinal(_text, i, "-%}", 0, 3) == 0)
        {
            return SkipSpace(i + 3);
        }

        if (string.CompareOrdinal(_text, i, "%}", 0, 2) == 0)
        {
            return i + 2 < _text.Length && _text[i + 2] == '\n' ? i + 3 : i + 2;
        }

        return -1;
    }

    private void LexComment(int begin)
    {
        for (int i = _position; i < _text.Length; i++)
        {
            int end = -1;
            if (string.CompareOrdinal(_text, i, "+#}", 0, 3) == 0)
            {
                end = i + 3;
            }
            else if (string.CompareOrdinal(_text, i, "-#}", 0, 3) == 0)
            {
                end = SkipSpace(i + 3);
            }
            else if (string.CompareOrdinal(_text, i, "#}", 0, 2) == 0)
            {
                end = i + 2 < _text.Length && _text[i + 2] == '\n' ? i + 3 : i + 2;
            }

            if (end >= 0)
            {
                _position = end;
                _lineStarting = _text[end - 1] == '\n';
                return;
            }
        }

        throw _source.Error("Missing end of comment tag", begin);
    }

    private void LexTag(bool isVariable, int begin)
    {
        _tokens.Add(new Token(isVariable ? TokenKind.VariableBegin : TokenKind.BlockBegin, string.Empty, begin));
        var brackets = new Stack<char>();
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw _source.Error(isVariable ? "unexpected end of template, expected '}}'" : "unexpected end of template, expected '%}'", _position);
            }

            if (brackets.Count == 0)
            {
                int end = isVariable ? MatchVariableEnd(_position) : MatchBlockEnd(_position);
                if (end >= 0)
                {
                    _tokens.Add(new Token(isVariable ? TokenKind.VariableEnd : TokenKind.BlockEnd, string.Empty, _position));
                    _position = end;
                    _lineStarting = _text[end - 1] == '\n';
                    return;
                }
            }

            char c = _text[_position];
            if (Runtime.Py.IsSpace(c))
            {
                _position++;
                continue;
            }

            if (TryNumber() || TryName() || TryString())
            {
                continue;
            }

            string? op = MatchOperator();
            if (op is null)
            {
                throw _source.Error($"unexpected char '{c}'", _position);
            }

            if (op is "(" or "[" or "{")
            {
                brackets.Push(op[0]);
            }
            else if (op is ")" or "]" or "}")
            {
                char open = op == ")" ? '(' : op == "]" ? '[' : '{';
                if (brackets.Count == 0 || brackets.Pop() != open)
                {
                    throw _source.Error($"unexpected '{op}'", _position);
                }
            }

            _tokens.Add(new Token(TokenKind.Operator, op, _position));
            _position += op.Length;
        }
    }

    private string? MatchOperator()
    {
        foreach (string op in Operators)
        {
            if (_text[_position] == op[0] && (op.Length == 1 || (_position + 1 < _text.Length && _text[_position + 1] == op[1])))
            {
                return op;
            }
        }

        return null;
    }

    private int MatchVariableEnd(int i)
    {
        if (string.CompareOrdinal(_text, i, "-}}", 0, 3) == 0)
        {
            return SkipSpace(i + 3);
        }

        return string.CompareOrdinal(_text, i, "}}", 0, 2) == 0 ? i + 2 : -1;
    }

    /// <summary>Jinja2's float and integer literals (underscores between digits, 0b/0o/0x prefixes), scanned by hand.</summary>
    private bool TryNumber()
    {
        int start = _position;
        if (!char.IsAsciiDigit(_text[start]))
        {
            return false;
        }

        // A float never starts right after a dot, so "x.0.1" is two item accesses.
        if (start == 0 || _text[start - 1] != '.')
        {
            int end = ScanDigits(start);
            bool isFloat = false;
            if (end + 1 < _text.Length && _text[end] == '.' && char.IsAsciiDigit(_text[end + 1]))
            {
                end = ScanDigits(end + 1);
                isFloat = true;
            }

            if (end < _text.Length && _text[end] is 'e' or 'E')
            {
                int sign = end + 1 < _text.Length && _text[end + 1] is '+' or '-' ? end + 2 : end + 1;
                int exponent = ScanDigits(sign);
                if (exponent > sign)
                {
                    end = exponent;
                    isFloat = true;
                }
            }

            if (isFloat)
            {
                string text = _text[start..end];
                double value = double.Parse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture);
                return Add(TokenKind.Float, text, value);
            }
        }

        int numberBase = 10;
        int digitsStart = start;
        int stop;
        if (_text[start] == '0' && start + 1 < _text.Length && char.ToLowerInvariant(_text[start + 1]) is 'b' or 'o' or 'x')
        {
            numberBase = char.ToLowerInvariant(_text[start + 1]) switch { 'b' => 2, 'o' => 8, _ => 16 };
            digitsStart = start + 2;
            stop = ScanPrefixed(digitsStart, numberBase);
            if (stop == digitsStart)
            {
                numberBase = 10;
                digitsStart = start;
                stop = ScanPrefixed(start + 1, 0);
            }
        }
        else
        {
            stop = ScanPrefixed(start + 1, _text[start] == '0' ? 0 : 10);
        }

        string literal = _text[start..stop];
        string digits = _text[digitsStart..stop].Replace("_", string.Empty, StringComparison.Ordinal);
        try
        {
            long number = numberBase == 10
                ? long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture)
                : Convert.ToInt64(digits, numberBase);
            return Add(TokenKind.Integer, literal, number);
        }
        catch (OverflowException)
        {
            throw _source.Error($"integer literal {literal} does not fit in 64 bits", _position);
        }
    }

    /// <summary>Matches <c>(\d+_)*\d+</c> from <paramref name="i"/>; returns the end, or <paramref name="i"/> when no digit is there.</summary>
    private int ScanDigits(int i)
    {
        int start = i;
        while (i < _text.Length && char.IsAsciiDigit(_text[i]))
        {
            i++;
            if (i + 1 < _text.Length && _text[i] == '_' && char.IsAsciiDigit(_text[i + 1]))
            {
                i++;
            }
        }

        return i > start && _text[i - 1] != '_' ? i : start;
    }

    /// <summary>Matches <c>(_?digit)*</c> for a base (0 means only the digit 0); returns the end.</summary>
    private int ScanPrefixed(int i, int numberBase)
    {
        while (true)
        {
            int next = i < _text.Length && _text[i] == '_' ? i + 1 : i;
            if (next >= _text.Length || !IsDigit(_text[next], numberBase))
            {
                return i;
            }

            i = next + 1;
        }

        static bool IsDigit(char c, int numberBase) => numberBase switch
        {
            0 => c == '0',
            2 => c is '0' or '1',
            8 => c is >= '0' and <= '7',
            10 => char.IsAsciiDigit(c),
            _ => char.IsAsciiHexDigit(c),
        };
    }

    private bool Add(TokenKind kind, string text, object? number)
    {
        _tokens.Add(new Token(kind, text, _position, number));
        _position += text.Length;
        return true;
    }

    private bool TryName()
    {
        char c = _text[_position];
        if (!(char.IsLetter(c) || c == '_'))
        {
            return false;
        }

        int end = _position + 1;
        while (end < _text.Length && (char.IsLetterOrDigit(_text[end]) || _text[end] == '_'))
        {
            end++;
        }

        return Add(TokenKind.Name, _text[_position..end], null);
    }

    private bool TryString()
    {
        char quote = _text[_position];
        if (quote is not ('\'' or '"'))
        {
            return false;
        }

        int i = _position + 1;
        while (i < _text.Length && _text[i] != quote)
        {
            i += _text[i] == '\\' ? 2 : 1;
        }

        if (i >= _text.Length)
        {
            throw _source.Error("unterminated string literal", _position);
        }

        string value = Unescape(_text[(_position + 1)..i], _position);
        _tokens.Add(new Token(TokenKind.String, value, _position));
        _position = i + 1;
        return true;
    }

    /// <summary>Python's <c>unicode-escape</c> decoding, which Jinja2 applies to string literals.</summary>
    private string Unescape(string body, int position)
    {
        if (!body.Contains('\\', StringComparison.Ordinal))
        {
            return body;
        }

        var builder = new StringBuilder(body.Length);
        for (int i = 0; i < body.Length; i++)
        {
            char c = body[i];
            if (c != '\\' || i + 1 >= body.Length)
            {
                builder.Append(c);
                continue;
            }

            char e = body[++i];
            switch (e)
            {
                case '\n': break;
                case '\\': builder.Append('\\'); break;
                case '\'': builder.Append('\''); break;
                case '"': builder.Append('"'); break;
                case 'a': builder.Append('\a'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'v': builder.Append('\v'); break;
                case 'x': builder.Append(Hex(body, ref i, 2, position)); break;
                case 'u': builder.Append(Hex(body, ref i, 4, position)); break;
                case 'U': builder.Append(Hex(body, ref i, 8, position)); break;
                case >= '0' and <= '7':
                    int value = e - '0';
                    for (int n = 0; n < 2 && i + 1 < body.Length && body[i + 1] is >= '0' and <= '7'; n++)
                    {
                        value = (value * 8) + (body[++i] - '0');
                    }

                    builder.Append((char)value);
                    break;
                default:
                    builder.Append('\\').Append(e);
                    break;
            }
        }

        return builder.ToString();
    }

    private string Hex(string body, ref int i, int digits, int position)
    {
        if (i + digits > body.Length - 1)
        {
            throw _source.Error("truncated escape sequence in string literal", position);
        }

        string hex = body.Substring(i + 1, digits);
        // Eight hex digits from 80000000 up parse as a negative int: out of range like any code above U+10FFFF.
        if (!int.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int code) || code is < 0 or > 0x10FFFF)
        {
            throw _source.Error("invalid escape sequence in string literal", position);
        }

        i += digits;
        return char.ConvertFromUtf32(code is >= 0xD800 and <= 0xDFFF ? 0xFFFD : code);
    }
}
