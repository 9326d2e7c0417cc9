using System.Runtime.CompilerServices;
using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Nodes;

/// <summary><c>{% call(args) macro(...) %}body{% endcall %}</c>: the macro gets the body as <c>caller</c>.</summary>
internal sealed class CallBlock(int line, MacroDefinition caller, CallExpression call) : Stmt(line)
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override Flow Execute(RenderContext context, Scope scope)
    {
        object? result = call.Invoke(context, scope, new("caller", new Macro(caller, scope)));
        context.Write(Py.Str(result));
        return Flow.Normal;
    }
}
