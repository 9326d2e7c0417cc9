using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Nodes;

/// <summary>An expression, compiled once and evaluated on every render.</summary>
internal abstract class Expr
{
    public abstract object? Evaluate(RenderContext context, Scope scope);
}
