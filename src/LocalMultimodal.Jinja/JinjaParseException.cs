namespace LocalMultimodal.Jinja;

/// <summary>A chat template that does not parse: the message names the line and column.</summary>
public sealed class JinjaParseException : Exception
{
    /// <summary>Creates the exception for a syntax error at a position of the template.</summary>
    public JinjaParseException(string message, int line, int column)
        : base($"{message} (line {line}, column {column})")
    {
        Line = line;
        Column = column;
    }

    /// <summary>The 1-based line of the error.</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the error.</summary>
    public int Column { get; }
}
