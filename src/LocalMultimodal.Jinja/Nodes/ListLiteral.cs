using System.Runtime.CompilerServices;
using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Nodes;

/// <summary><c>[a, b]</c> or <c>(a, b)</c>: a new value on each evaluation, so templates can't share one.</summary>
internal sealed class ListLiteral(Expr[] items, bool isTuple) : Expr
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override object? Evaluate(RenderContext context, Scope scope)
    {
        var values = new List<object?>(items.Length);
        foreach (Expr item in items)
        {
            values.Add(item.Evaluate(context, scope));
        }

        return new JinjaList(values, isTuple);
    }
}
