using System.Runtime.CompilerServices;
using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Nodes;

/// <summary><c>break</c> or <c>continue</c> (Jinja2's loopcontrols extension).</summary>
internal sealed class LoopControl(int line, Flow flow) : Stmt(line)
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override Flow Execute(RenderContext context, Scope scope) => flow;
}
