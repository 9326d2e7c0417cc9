using System.Runtime.CompilerServices;
using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Nodes;

internal sealed class NameLookup(string name) : Expr
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override object? Evaluate(RenderContext context, Scope scope) =>
        scope.TryGet(name, out object? value) ? value : Undefined.Name(name);
}
