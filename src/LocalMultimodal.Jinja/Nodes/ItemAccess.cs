using System.Runtime.CompilerServices;
using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Nodes;

internal sealed class ItemAccess(Expr owner, Expr key) : Expr
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override object? Evaluate(RenderContext context, Scope scope) =>
        Access.GetItem(owner.Evaluate(context, scope), key.Evaluate(context, scope));
}
