using System.Runtime.CompilerServices;
using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Nodes;

/// <summary>
/// <c>for target in items [if filter] [recursive]</c>: each iteration gets its own scope, so a <c>set</c> inside
/// does not leak; a recursive loop's body can call <c>loop(children)</c>.
/// </summary>
internal sealed class ForStatement(int line, Target target, Expr items, Expr? filter, bool recursive, Stmt[] body, Stmt[]? otherwise) : Stmt(line)
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override Flow Execute(RenderContext context, Scope scope)
    {
        Loop(context, scope, items.Evaluate(context, scope), 1);
        return Flow.Normal;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Loop(RenderContext context, Scope scope, object? iterable, int depth)
    {
        IReadOnlyList<object?> values = Py.Iterate(iterable);
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
            if (otherwise is not null)
            {
                Run(otherwise, context, scope);
            }

            return;
        }

        var loop = new LoopInfo(values, depth, recursive ? (inner, children) => Recurse(inner, scope, children, depth + 1) : null);
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
    }

    private string Recurse(RenderContext context, Scope scope, object? children, int depth)
    {
        context.Enter();
        var saved = context.Output;
        context.Output = new System.Text.StringBuilder();
        try
        {
            Loop(context, scope, children, depth);
            return context.Output.ToString();
        }
        finally
        {
            context.Output = saved;
            context.Leave();
        }
    }
}
