namespace LocalMultimodal.Jinja.Nodes;

internal sealed class MacroDefinition(string name, string[] parameters, Expr?[] defaults, Stmt[] body)
{
    public string Name => name;

    public string[] Parameters => parameters;

    public Expr?[] Defaults => defaults;

    public Stmt[] Body => body;
}
