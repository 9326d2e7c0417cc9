using System.Runtime.CompilerServices;
using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Nodes;

/// <summary><c>{% set x %}...{% endset %}</c>, optionally through filters: <c>{% set x | trim %}</c>.</summary>
internal sealed class SetBlockStatement(int line, Target target, Stmt[] body, FilterExpression[] filters) : Stmt(line)
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override Flow Execute(RenderContext context, Scope scope)
    {
        object? value = Capture(body, context, scope);
        foreach (FilterExpression filter in filters)
        {
            value = filter.Apply(context, scope, value);
        }

        target.Assign(context, scope, value);
        return Flow.Normal;
    }
}
