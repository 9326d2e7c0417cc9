namespace LocalMultimodal.Tools;

/// <summary>The kinds of <see cref="ToolChoice"/>.</summary>
public enum ToolChoiceMode
{
    /// <summary>Text or calls, as the model decides.</summary>
    Auto,

    /// <summary>Text only.</summary>
    None,

    /// <summary>At least one call of any tool.</summary>
    Required,

    /// <summary>A call of one named tool.</summary>
    Function,
}
