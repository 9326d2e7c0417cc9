using System.Runtime.CompilerServices;
using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Nodes;

internal sealed class DictLiteral(Expr[] keys, Expr[] values) : Expr
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override object? Evaluate(RenderContext context, Scope scope)
    {
        var dict = new JinjaDict(keys.Length);
        for (int i = 0; i < keys.Length; i++)
        {
            dict.Set(keys[i].Evaluate(context, scope), values[i].Evaluate(context, scope));
        }

        return dict;
    }
}
