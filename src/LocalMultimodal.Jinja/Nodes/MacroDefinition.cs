namespace LocalMultimodal.Jinja.Nodes;

/// <summary>A macro's signature and body; the Uses flags say which of varargs, kwargs and caller it reads, since Jinja2 refuses extra arguments otherwise.</summary>
internal sealed class MacroDefinition(string name, string[] parameters, Expr?[] defaults, Stmt[] body, IReadOnlySet<string> uses)
{
    public string Name => name;

    public string[] Parameters => parameters;

    public Expr?[] Defaults => defaults;

    public Stmt[] Body => body;

    public bool UsesVarargs => uses.Contains("varargs");

    public bool UsesKwargs => uses.Contains("kwargs");

    public bool UsesCaller => uses.Contains("caller");
}
