using System.Runtime.CompilerServices;
using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Nodes;

internal sealed class MacroStatement(int line, MacroDefinition definition) : Stmt(line)
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override Flow Execute(RenderContext context, Scope scope)
    {
        scope.Set(definition.Name, new Macro(definition, scope));
        return Flow.Normal;
    }
}
