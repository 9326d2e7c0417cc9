using System.Runtime.CompilerServices;
using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Nodes;

internal sealed class IfStatement(int line, Expr[] conditions, Stmt[][] bodies, Stmt[]? otherwise) : Stmt(line)
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override Flow Execute(RenderContext context, Scope scope)
    {
        for (int i = 0; i < conditions.Length; i++)
        {
            if (Py.Truthy(conditions[i].Evaluate(context, scope)))
            {
                return Run(bodies[i], context, scope);
            }
        }

        return otherwise is null ? Flow.Normal : Run(otherwise, context, scope);
    }
}
