namespace LocalMultimodal.Jinja.Runtime;

/// <summary>A global function such as <c>range</c> or <c>raise_exception</c>.</summary>
internal sealed class BuiltinFunction(string name, Func<RenderContext, CallArgs, object?> body) : Callable
{
    public override string Name => name;

    public override object? Invoke(RenderContext context, CallArgs args) => body(context, args);
}
