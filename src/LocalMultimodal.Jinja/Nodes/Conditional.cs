using System.Runtime.CompilerServices;
using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Nodes;

/// <summary><c>a if cond else b</c>; without <c>else</c> a false condition gives undefined.</summary>
internal sealed class Conditional(Expr test, Expr then, Expr? otherwise) : Expr
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override object? Evaluate(RenderContext context, Scope scope) => Py.Truthy(test.Evaluate(context, scope))
        ? then.Evaluate(context, scope)
        : otherwise is null ? new Undefined("the inline if-expression evaluated to false and no else section was defined.") : otherwise.Evaluate(context, scope);
}
