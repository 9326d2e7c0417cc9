using System.Runtime.CompilerServices;
using LocalMultimodal.Jinja.Library;
using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Nodes;

internal sealed class FilterExpression(Expr input, FilterFunction filter, Arguments arguments) : Expr
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override object? Evaluate(RenderContext context, Scope scope) =>
        filter(context, input.Evaluate(context, scope), arguments.Evaluate(context, scope));

    /// <summary>Applies the filter to a value computed elsewhere: the body of a filter block or block set.</summary>
    public object? Apply(RenderContext context, Scope scope, object? value) =>
        filter(context, value, arguments.Evaluate(context, scope));
}
