using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Nodes;

internal sealed class Constant(object? value) : Expr
{
    public override object? Evaluate(RenderContext context, Scope scope) => value;
}
