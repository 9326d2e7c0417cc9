using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Nodes;

/// <summary>An expression, compiled once and evaluated on every render.</summary>
/// <remarks>
/// The render path (node evaluation, scopes, attribute access, str(), tojson, context conversion) is marked
/// <see cref="System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization"/>. A server renders a
/// template once per chat request, so tiered compilation would keep it in unoptimized code for a long time: a
/// render there costs several times a render in optimized code (and more than Python's Jinja2). These methods are
/// compiled optimized on first use instead.
/// </remarks>
internal abstract class Expr
{
    public abstract object? Evaluate(RenderContext context, Scope scope);
}
