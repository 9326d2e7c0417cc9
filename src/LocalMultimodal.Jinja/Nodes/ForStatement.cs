using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Nodes;

/// <summary><c>for target in items [if filter]</c>: each iteration gets its own scope, so a <c>set</c> inside does not leak.</summary>
internal sealed class ForStatement(int line, Target target, Expr items, Expr? filter, Stmt[] body, Stmt[]? otherwise) : Stmt(line)
{
    public override Flow Execute(RenderContext context, Scope scope)
    {
        IReadOnlyList<object?> values = Py.Iterate(items.Evaluate(context, scope));
        if (filter is not null)
        {
            var kept = new List<object?>();
            foreach (object? value in values)
            {
                context.Step();
                var probe = new Scope(scope);
                target.Assign(context, probe, value);
                if (Py.Truthy(filter.Evaluate(context, probe)))
                {
                    kept.Add(value);
                }
            }

            values = kept;
        }

        if (values.Count == 0)
        {
            return otherwise is null ? Flow.Normal : Run(otherwise, context, scope);
        }

        var loop = new LoopInfo(values, 1);
        for (int i = 0; i < values.Count; i++)
        {
            context.Step();
            loop.Index0 = i;
            var iteration = new Scope(scope);
            iteration.Set("loop", loop);
            target.Assign(context, iteration, values[i]);
            if (Run(body, context, iteration) == Flow.Break)
            {
                break;
            }
        }

        return Flow.Normal;
    }
}
