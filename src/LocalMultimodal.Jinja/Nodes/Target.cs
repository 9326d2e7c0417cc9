using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Nodes;

/// <summary>What <c>set</c>, <c>for</c> and <c>with</c> assign to: a name, a tuple of names, or a namespace attribute.</summary>
internal sealed class Target
{
    private readonly string? _name;
    private readonly Target[]? _items;
    private readonly string? _attribute;

    private Target(string? name, Target[]? items, string? attribute)
    {
        _name = name;
        _items = items;
        _attribute = attribute;
    }

    public static Target Name(string name) => new(name, null, null);

    public static Target Tuple(Target[] items) => new(null, items, null);

    public static Target NamespaceAttribute(string name, string attribute) => new(name, null, attribute);

    public void Assign(RenderContext context, Scope scope, object? value)
    {
        if (_items is not null)
        {
            IReadOnlyList<object?> values = Py.Iterate(value);
            if (values.Count != _items.Length)
            {
                throw new JinjaError(values.Count > _items.Length
                    ? $"too many values to unpack (expected {_items.Length})"
                    : $"not enough values to unpack (expected {_items.Length}, got {values.Count})");
            }

            for (int i = 0; i < _items.Length; i++)
            {
                _items[i].Assign(context, scope, values[i]);
            }
        }
        else if (_attribute is not null)
        {
            if (!scope.TryGet(_name!, out object? owner) || owner is not Namespace ns)
            {
                throw new JinjaError("cannot assign attribute on non-namespace object");
            }

            ns.Attributes[_attribute] = value;
        }
        else
        {
            scope.Set(_name!, value);
        }
    }
}
