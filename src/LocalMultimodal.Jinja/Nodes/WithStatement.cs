using System.Runtime.CompilerServices;
using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Nodes;

internal sealed class WithStatement(int line, Target[] targets, Expr[] values, Stmt[] body) : Stmt(line)
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override Flow Execute(RenderContext context, Scope scope)
    {
        var inner = new Scope(scope);
        for (int i = 0; i < targets.Length; i++)
        {
            targets[i].Assign(context, inner, values[i].Evaluate(context, scope));
        }

        return Run(body, context, inner);
    }
}
