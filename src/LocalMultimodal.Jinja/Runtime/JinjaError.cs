namespace LocalMultimodal.Jinja.Runtime;

/// <summary>An error inside rendering; the node that sees it first adds the template line.</summary>
internal sealed class JinjaError : Exception
{
    public JinjaError(string message, string? templateMessage = null)
        : base(message)
    {
        TemplateMessage = templateMessage;
    }

    public string? TemplateMessage { get; }

    /// <summary>The template line, set by the innermost statement the error passes through.</summary>
    public int Line { get; set; }
}
