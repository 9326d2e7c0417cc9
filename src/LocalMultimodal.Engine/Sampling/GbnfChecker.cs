using System.Globalization;
using LocalMultimodal.Errors;

namespace LocalMultimodal.Sampling;

/// <summary>
/// Reads GBNF the way llama.cpp's grammar parser does, to refuse a bad grammar with its line, column and reason.
/// llama.cpp writes its own parse errors to stderr rather than its log, and its parser recurses once per nested
/// group, so a deep grammar would overflow the native stack: both are caught here first.
/// </summary>
internal sealed class GbnfChecker
{
    /// <summary>Deepest nesting of parenthesised groups.</summary>
    public const int MaxNestingDepth = 64;

    /// <summary>Largest count in a <c>{m,n}</c> repetition; llama.cpp copies the repeated item that many times.</summary>
    public const int MaxRepetition = 10_000;

    private readonly string _text;
    private readonly HashSet<string> _defined = [];
    private readonly Dictionary<string, int> _referenced = [];
    private readonly List<string> _tokenNames = [];
    private int _pos;

    private GbnfChecker(string text) => _text = text;

    /// <summary>Checks <paramref name="grammar"/> and returns the token names (<c>&lt;name&gt;</c>) it references.</summary>
    /// <exception cref="InvalidRequestException">The grammar does not parse, references an undefined rule or lacks its root.</exception>
    public static IReadOnlyList<string> Check(string grammar, string root)
    {
        var checker = new GbnfChecker(grammar);
        checker.ParseGrammar();
        foreach (var (name, at) in checker._referenced)
        {
            if (!checker._defined.Contains(name))
            {
                throw checker.Error(at, $"rule '{name}' is used but never defined");
            }
        }

        return checker._defined.Contains(root)
            ? checker._tokenNames
            : throw new InvalidRequestException($"grammar has no rule named '{root}' to start from.", "invalid_grammar") { Param = "grammar" };
    }

    private void ParseGrammar()
    {
        SkipSpace(newlines: true);
        while (_pos < _text.Length)
        {
            int start = _pos;
            string name = Name();
            if (name.Length == 0)
            {
                throw Error(start, "expected a rule name");
            }

            SkipSpace(newlines: false);
            if (!_text.AsSpan(_pos).StartsWith("::="))
            {
                throw Error(_pos, $"expected '::=' after rule name '{name}'");
            }

            _pos += 3;
            _defined.Add(name);
            SkipSpace(newlines: true);
            Alternates(depth: 0);
            if (_pos < _text.Length && _text[_pos] is not ('\n' or '\r'))
            {
                throw Error(_pos, $"unexpected '{_text[_pos]}'");
            }

            SkipSpace(newlines: true);
        }
    }

    private void Alternates(int depth)
    {
        Sequence(depth);
        while (Peek() == '|')
        {
            _pos++;
            SkipSpace(newlines: true);
            Sequence(depth);
        }
    }

    private void Sequence(int depth)
    {
        bool any = false;
        while (_pos < _text.Length)
        {
            int start = _pos;
            char c = _text[_pos];
            if (c == '"')
            {
                _pos++;
                while (Peek() != '"')
                {
                    if (_pos >= _text.Length || _text[_pos] is '\n' or '\r')
                    {
                        throw Error(start, "unterminated string literal");
                    }

                    Char();
                }

                _pos++;
            }
            else if (c == '[')
            {
                _pos++;
                if (Peek() == '^')
                {
                    _pos++;
                }

                while (Peek() != ']')
                {
                    if (_pos >= _text.Length)
                    {
                        throw Error(start, "unterminated character class");
                    }

                    Char();
                    if (Peek() == '-' && _pos + 1 < _text.Length && _text[_pos + 1] != ']')
                    {
                        _pos++;
                        Char();
                    }
                }

                _pos++;
            }
            else if (c == '(')
            {
                if (depth + 1 > MaxNestingDepth)
                {
                    throw Error(start, $"groups are nested more than {MaxNestingDepth} deep");
                }

                _pos++;
                SkipSpace(newlines: true);
                Alternates(depth + 1);
                if (Peek() != ')')
                {
                    throw Error(start, "unclosed '('");
                }

                _pos++;
            }
            else if (c == '.')
            {
                _pos++;
            }
            else if (c == '<' || (c == '!' && _pos + 1 < _text.Length && _text[_pos + 1] == '<'))
            {
                TokenReference(start);
            }
            else if (IsWordChar(c))
            {
                string name = Name();
                _referenced.TryAdd(name, start);
            }
            else if (c is '*' or '+' or '?' or '{')
            {
                if (!any)
                {
                    throw Error(start, $"'{c}' has nothing before it to repeat");
                }

                Repetition();
            }
            else
            {
                break;
            }

            any = true;
            SkipSpace(newlines: depth > 0);
        }
    }

    private void TokenReference(int start)
    {
        if (_text[_pos] == '!')
        {
            _pos++;
        }

        int close = _text.IndexOf('>', _pos);
        if (close < 0)
        {
            throw Error(start, "unterminated token reference");
        }

        string inner = _text[(_pos + 1)..close];
        if (inner.StartsWith('[') && inner.EndsWith(']'))
        {
            if (!int.TryParse(inner[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                throw Error(start, $"token id '{inner[1..^1]}' is not a number");
            }
        }
        else
        {
            _tokenNames.Add($"<{inner}>");
        }

        _pos = close + 1;
    }

    private void Repetition()
    {
        int start = _pos;
        if (_text[_pos] != '{')
        {
            _pos++;
            return;
        }

        int close = _text.IndexOf('}', _pos);
        string[] parts = close < 0 ? [] : _text[(_pos + 1)..close].Split(',');
        bool ok = parts.Length is 1 or 2 && parts.Select((p, i) => (i == 1 && p.Trim().Length == 0) || IsCount(p)).All(b => b);
        if (!ok)
        {
            throw Error(start, "expected a repetition {m}, {m,} or {m,n}");
        }

        int min = int.Parse(parts[0].Trim(), CultureInfo.InvariantCulture);
        int? max = parts.Length == 1 ? min : parts[1].Trim().Length == 0 ? null : int.Parse(parts[1].Trim(), CultureInfo.InvariantCulture);
        if (max < min)
        {
            throw Error(start, $"repetition {{{min},{max}}} has its maximum below its minimum");
        }

        _pos = close + 1;
    }

    private static bool IsCount(string part) =>
        int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n <= MaxRepetition;

    // One character of a literal or class, escapes included.
    private void Char()
    {
        int start = _pos;
        if (_text[_pos] != '\\')
        {
            _pos += char.IsSurrogatePair(_text, _pos) ? 2 : 1;
            return;
        }

        if (_pos + 1 >= _text.Length)
        {
            throw Error(start, "escape at the end of the grammar");
        }

        char kind = _text[_pos + 1];
        int digits = kind switch { 'x' => 2, 'u' => 4, 'U' => 8, _ => 0 };
        if (digits > 0)
        {
            if (_pos + 2 + digits > _text.Length || !uint.TryParse(_text.AsSpan(_pos + 2, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out _))
            {
                throw Error(start, $"'\\{kind}' needs {digits} hexadecimal digits");
            }

            _pos += 2 + digits;
        }
        else if (kind is 't' or 'r' or 'n' or '\\' or '"' or '[' or ']')
        {
            _pos += 2;
        }
        else
        {
            throw Error(start, $"unknown escape '\\{kind}'");
        }
    }

    private string Name()
    {
        int start = _pos;
        while (_pos < _text.Length && IsWordChar(_text[_pos]))
        {
            _pos++;
        }

        return _text[start.._pos];
    }

    // Spaces, tabs and # comments; newlines too inside a group or between rules (a newline otherwise ends a rule).
    private void SkipSpace(bool newlines)
    {
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (c is ' ' or '\t' || (newlines && c is '\r' or '\n'))
            {
                _pos++;
            }
            else if (c == '#')
            {
                while (_pos < _text.Length && _text[_pos] is not ('\r' or '\n'))
                {
                    _pos++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '-';

    private InvalidRequestException Error(int at, string reason)
    {
        int line = 1 + _text.AsSpan(0, at).Count('\n');
        int column = at - (at == 0 ? 0 : _text.LastIndexOf('\n', at - 1) + 1) + 1;
        return new InvalidRequestException($"grammar is not valid GBNF at line {line}, column {column}: {reason}.", "invalid_grammar") { Param = "grammar" };
    }
}
