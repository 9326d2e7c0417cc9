using System.Runtime.CompilerServices;
using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Nodes;

/// <summary>A chain of comparisons, <c>a &lt; b &lt;= c</c>, each operand evaluated once, as in Python.</summary>
internal sealed class Comparison(Expr first, string[] operators, Expr[] operands) : Expr
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override object? Evaluate(RenderContext context, Scope scope)
    {
        object? left = first.Evaluate(context, scope);
        for (int i = 0; i < operators.Length; i++)
        {
            object? right = operands[i].Evaluate(context, scope);
            if (!Compare(operators[i], left, right))
            {
                return false;
            }

            left = right;
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool Compare(string op, object? left, object? right) => op switch
    {
        "==" => Py.Equal(left, right),
        "!=" => !Py.Equal(left, right),
        "<" => Py.Compare(left, right, op) < 0,
        "<=" => Py.Compare(left, right, op) <= 0,
        ">" => Py.Compare(left, right, op) > 0,
        ">=" => Py.Compare(left, right, op) >= 0,
        "in" => Py.Contains(right, left),
        _ => !Py.Contains(right, left),
    };
}
