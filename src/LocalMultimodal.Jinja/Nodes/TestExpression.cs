using System.Runtime.CompilerServices;
using LocalMultimodal.Jinja.Library;
using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Nodes;

internal sealed class TestExpression(Expr input, TestFunction test, Arguments arguments, bool negated) : Expr
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override object? Evaluate(RenderContext context, Scope scope) =>
        test(context, input.Evaluate(context, scope), arguments.Evaluate(context, scope)) != negated;
}
