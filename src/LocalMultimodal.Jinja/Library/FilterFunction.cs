using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Library;

/// <summary>A filter: <c>value | name(args)</c>.</summary>
internal delegate object? FilterFunction(RenderContext context, object? value, CallArgs args);
