namespace LocalMultimodal.Jinja.Nodes;

/// <summary>How a statement ended: normally, or by <c>break</c> / <c>continue</c> of the innermost loop.</summary>
internal enum Flow
{
    Normal,
    Break,
    Continue,
}
