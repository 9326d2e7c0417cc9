using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Library;

/// <summary>A test: <c>value is name(args)</c>.</summary>
internal delegate bool TestFunction(RenderContext context, object? value, CallArgs args);
