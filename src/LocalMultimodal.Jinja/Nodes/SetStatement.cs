using System.Runtime.CompilerServices;
using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Nodes;

internal sealed class SetStatement(int line, Target target, Expr value) : Stmt(line)
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override Flow Execute(RenderContext context, Scope scope)
    {
        target.Assign(context, scope, value.Evaluate(context, scope));
        return Flow.Normal;
    }
}
