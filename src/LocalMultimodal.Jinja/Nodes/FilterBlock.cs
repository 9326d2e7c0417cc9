using System.Runtime.CompilerServices;
using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Nodes;

internal sealed class FilterBlock(int line, Stmt[] body, FilterExpression[] filters) : Stmt(line)
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override Flow Execute(RenderContext context, Scope scope)
    {
        object? value = Capture(body, context, scope);
        foreach (FilterExpression filter in filters)
        {
            value = filter.Apply(context, scope, value);
        }

        context.Write(Py.Str(value));
        return Flow.Normal;
    }
}
