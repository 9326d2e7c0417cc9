namespace LocalMultimodal.Jinja.Runtime;

/// <summary>The object <c>namespace(...)</c> makes: the one object a template may assign attributes to.</summary>
internal sealed class Namespace
{
    public Dictionary<string, object?> Attributes { get; } = new(StringComparer.Ordinal);
}
