using System.Runtime.CompilerServices;
using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Nodes;

internal sealed class CallExpression(Expr callee, Arguments arguments) : Expr
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override object? Evaluate(RenderContext context, Scope scope) => Invoke(context, scope, null);

    /// <summary>Calls with an extra keyword argument: <c>caller</c> for a call block.</summary>
    public object? Invoke(RenderContext context, Scope scope, KeyValuePair<string, object?>? extra) =>
        Access.Call(context, callee.Evaluate(context, scope), arguments.Evaluate(context, scope, extra));
}
