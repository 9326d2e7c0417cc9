using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Nodes;

internal sealed class Constant(object? value) : Expr
{
    public object? Value => value;

    public override object? Evaluate(RenderContext context, Scope scope) => value;
}
