using System.Runtime.CompilerServices;
using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Nodes;

internal sealed class AttributeAccess(Expr owner, string name) : Expr
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override object? Evaluate(RenderContext context, Scope scope) => Access.GetAttribute(owner.Evaluate(context, scope), name);
}
