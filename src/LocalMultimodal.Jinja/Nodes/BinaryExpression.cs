using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Nodes;

internal sealed class BinaryExpression(string op, Expr left, Expr right) : Expr
{
    public override object? Evaluate(RenderContext context, Scope scope)
    {
        object? a = left.Evaluate(context, scope);
        switch (op)
        {
            case "and":
                return Py.Truthy(a) ? right.Evaluate(context, scope) : a;
            case "or":
                return Py.Truthy(a) ? a : right.Evaluate(context, scope);
        }

        object? b = right.Evaluate(context, scope);
        return op switch
        {
            "+" => Operators.Add(context, a, b),
            "-" => Operators.Subtract(a, b),
            "*" => Operators.Multiply(context, a, b),
            "/" => Operators.Divide(a, b),
            "//" => Operators.FloorDivide(a, b),
            "%" => Operators.Modulo(context, a, b),
            "**" => Operators.Power(a, b),
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
