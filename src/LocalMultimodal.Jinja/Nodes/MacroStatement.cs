using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Nodes;

internal sealed class MacroStatement(int line, MacroDefinition definition) : Stmt(line)
{
    public override Flow Execute(RenderContext context, Scope scope)
    {
        scope.Set(definition.Name, new Macro(definition, scope));
        return Flow.Normal;
    }
}
