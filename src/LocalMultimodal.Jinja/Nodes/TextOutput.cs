using System.Runtime.CompilerServices;
using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Nodes;

internal sealed class TextOutput(int line, string text) : Stmt(line)
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override Flow Execute(RenderContext context, Scope scope)
    {
        context.Write(text);
        return Flow.Normal;
    }
}
