using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Nodes;

/// <summary>The argument expressions of a call, filter or test.</summary>
internal sealed class Arguments(Expr[] positional, KeyValuePair<string, Expr>[] named)
{
    public static readonly Arguments None = new([], []);

    public CallArgs Evaluate(RenderContext context, Scope scope, KeyValuePair<string, object?>? extra = null)
    {
        if (positional.Length == 0 && named.Length == 0 && extra is null)
        {
            return CallArgs.Empty;
        }

        var values = new List<object?>(positional.Length);
        foreach (Expr expr in positional)
        {
            values.Add(expr.Evaluate(context, scope));
        }

        List<KeyValuePair<string, object?>>? namedValues = null;
        if (named.Length > 0 || extra is not null)
        {
            namedValues = new(named.Length + 1);
            foreach (var (key, expr) in named)
            {
                namedValues.Add(new(key, expr.Evaluate(context, scope)));
            }

            if (extra is { } item)
            {
                namedValues.Add(item);
            }
        }

        return new CallArgs(values, namedValues);
    }
}
