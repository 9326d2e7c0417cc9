using System.Runtime.CompilerServices;
using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Nodes;

/// <summary>A statement, or a run of template text, with the line it starts on for error messages.</summary>
internal abstract class Stmt(int line)
{
    public int Line => line;

    public abstract Flow Execute(RenderContext context, Scope scope);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Flow Run(Stmt[] body, RenderContext context, Scope scope)
    {
        foreach (Stmt statement in body)
        {
            Flow flow;
            try
            {
                flow = statement.Execute(context, scope);
            }
            catch (JinjaError error) when (error.Line == 0)
            {
                error.Line = statement.Line;
                throw;
            }

            if (flow != Flow.Normal)
            {
                return flow;
            }
        }

        return Flow.Normal;
    }

    /// <summary>Runs a body into its own buffer and returns what it wrote: block set, filter block, macro.</summary>
    public static string Capture(Stmt[] body, RenderContext context, Scope scope)
    {
        var saved = context.Output;
        context.Output = new System.Text.StringBuilder();
        try
        {
            Run(body, context, scope);
            return context.Output.ToString();
        }
        finally
        {
            context.Output = saved;
        }
    }
}
