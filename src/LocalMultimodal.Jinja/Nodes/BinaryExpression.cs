using System.Runtime.CompilerServices;
using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Nodes;

internal sealed class BinaryExpression(string op, Expr left, Expr right) : Expr
{
    /// <summary>The operator, told apart once at parse time rather than by string comparisons on every evaluation.</summary>
    private readonly Operator _operator = op switch
    {
        "and" => Operator.And,
        "or" => Operator.Or,
        "+" => Operator.Add,
        "-" => Operator.Subtract,
        "*" => Operator.Multiply,
        "/" => Operator.Divide,
        "//" => Operator.FloorDivide,
        "%" => Operator.Modulo,
        "**" => Operator.Power,
        _ => Operator.Concat,
    };

    private enum Operator
    {
        And,
        Or,
        Add,
        Subtract,
        Multiply,
        Divide,
        FloorDivide,
        Modulo,
        Power,
        Concat,
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override object? Evaluate(RenderContext context, Scope scope)
    {
        object? a = left.Evaluate(context, scope);
        switch (_operator)
        {
            case Operator.And:
                return Py.Truthy(a) ? right.Evaluate(context, scope) : a;
            case Operator.Or:
                return Py.Truthy(a) ? a : right.Evaluate(context, scope);
        }

        object? b = right.Evaluate(context, scope);
        return _operator switch
        {
            Operator.Add => Operators.Add(context, a, b),
            Operator.Subtract => Operators.Subtract(a, b),
            Operator.Multiply => Operators.Multiply(context, a, b),
            Operator.Divide => Operators.Divide(a, b),
            Operator.FloorDivide => Operators.FloorDivide(a, b),
            Operator.Modulo => Operators.Modulo(context, a, b),
            Operator.Power => Operators.Power(a, b),
            _ => Concat(context, a, b),
        };
    }

    private static string Concat(RenderContext context, object? a, object? b)
    {
        string x = Py.Str(a);
        string y = Py.Str(b);
        context.CheckLength((long)x.Length + y.Length);
        return x + y;
    }
}
