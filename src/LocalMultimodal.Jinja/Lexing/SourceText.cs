namespace LocalMultimodal.Jinja.Lexing;

/// <summary>The template text with newlines normalised as Jinja2 does, and positions mapped to line and column.</summary>
internal sealed class SourceText
{
    private readonly List<int> _lineStarts = [0];

    public SourceText(string source)
    {
        string text = source.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        if (text.EndsWith('\n'))
        {
            text = text[..^1];
        }

        Text = text;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    public string Text { get; }

    public int Line(int position)
    {
        int index = _lineStarts.BinarySearch(position);
        return (index >= 0 ? index : ~index - 1) + 1;
    }

    public JinjaParseException Error(string message, int position)
    {
        int line = Line(position);
        return new JinjaParseException(message, line, position - _lineStarts[line - 1] + 1);
    }
}
