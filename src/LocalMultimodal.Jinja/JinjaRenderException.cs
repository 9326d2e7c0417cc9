namespace LocalMultimodal.Jinja;

/// <summary>
/// A template that fails while rendering: an undefined value used, a type error, a sandbox limit, or the
/// template's own <c>raise_exception(message)</c> (then <see cref="TemplateMessage"/> is that message).
/// </summary>
public sealed class JinjaRenderException : Exception
{
    /// <summary>Creates the exception for an error on a line of the template.</summary>
    public JinjaRenderException(string message, int line, string? templateMessage = null)
        : base(line > 0 ? $"{message} (line {line})" : message)
    {
        Line = line;
        TemplateMessage = templateMessage;
    }

    /// <summary>The 1-based line of the template being rendered when the error happened, or 0.</summary>
    public int Line { get; }

    /// <summary>The message the template passed to <c>raise_exception</c>, or null for other errors.</summary>
    public string? TemplateMessage { get; }
}
