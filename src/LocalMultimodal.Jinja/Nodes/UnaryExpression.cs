using System.Runtime.CompilerServices;
using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Nodes;

internal sealed class UnaryExpression(char op, Expr operand) : Expr
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override object? Evaluate(RenderContext context, Scope scope)
    {
        object? value = operand.Evaluate(context, scope);
        return op switch
        {
            '-' => Operators.Negate(value),
            '+' => Operators.Plus(value),
            _ => !Py.Truthy(value),
        };
    }
}
