using System.Runtime.CompilerServices;
using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Nodes;

internal sealed class SliceAccess(Expr owner, Expr? start, Expr? stop, Expr? step) : Expr
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override object? Evaluate(RenderContext context, Scope scope) => Access.Slice(
        context,
        owner.Evaluate(context, scope),
        start?.Evaluate(context, scope),
        stop?.Evaluate(context, scope),
        step?.Evaluate(context, scope));
}
