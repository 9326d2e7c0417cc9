namespace LocalMultimodal.Jinja.Runtime;

/// <summary>
/// Variables of one level: the template's top level, one loop iteration, one macro call. <c>if</c> makes
/// no scope, so a <c>set</c> inside it lands in the enclosing one, as in Jinja2.
/// </summary>
internal sealed class Scope(Scope? parent)
{
    private Dictionary<string, object?>? _variables;

    public Scope? Parent => parent;

    public bool TryGet(string name, out object? value)
    {
        for (Scope? scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope._variables is not null && scope._variables.TryGetValue(name, out value))
            {
                return true;
            }
        }

        value = null;
        return false;
    }

    public void Set(string name, object? value) => (_variables ??= new(StringComparer.Ordinal))[name] = value;
}
