namespace LocalMultimodal.Jinja.Runtime;

/// <summary>A Python method of a str, list or dict value, such as <c>content.strip</c>, waiting to be called.</summary>
internal sealed class BoundMethod(object target, string name) : Callable
{
    public override string Name => name;

    public override object? Invoke(RenderContext context, CallArgs args) => Methods.Call(context, target, name, args);
}
