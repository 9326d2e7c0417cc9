namespace LocalMultimodal.Jinja.Runtime;

/// <summary>Something a template can call: a macro, a global function or a bound method.</summary>
internal abstract class Callable
{
    public abstract string Name { get; }

    public abstract object? Invoke(RenderContext context, CallArgs args);
}
