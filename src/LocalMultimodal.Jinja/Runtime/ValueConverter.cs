using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Text.Json;

namespace LocalMultimodal.Jinja.Runtime;

/// <summary>Turns the caller's .NET values and JSON into the template's Python-like values (a fresh copy per render).</summary>
/// <remarks>
/// Every render converts the whole context, so the path of a value (<c>messages[3].content</c>) is not built
/// while converting: only a failing value's path is, from the keys and indexes its enclosing levels add on the
/// way out.
/// </remarks>
internal static class ValueConverter
{
    private const int MaxDepth = 200;

    /// <summary>Converts the context variable <paramref name="name"/>; a value a template cannot use fails with its path.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static object? FromNet(object? value, string name)
    {
        try
        {
            return Convert(value, 0);
        }
        catch (BadValueException bad)
        {
            string path = name + string.Concat(Enumerable.Reverse(bad.Path));
            throw new ArgumentException(bad.Describe(path), nameof(value));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static object? Convert(object? value, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new BadValueException(path => $"The context value '{path}' nests deeper than {MaxDepth} levels.");
        }

        switch (value)
        {
            case null:
                return null;
            case string or bool or long or double:
                return value;
            case int or short or byte or sbyte or uint or ushort:
                return System.Convert.ToInt64(value, CultureInfo.InvariantCulture);
            case ulong u:
                return u <= long.MaxValue ? (long)u : (double)u;
            case float f:
                return (double)f;
            case decimal m:
                return decimal.IsInteger(m) && Math.Abs(m) < long.MaxValue ? (object)(long)m : (double)m;
            case char c:
                return c.ToString();
            case Enum e:
                return e.ToString();
            case JsonNode node:
                return FromNode(node, depth);
            case JsonElement element:
                return FromElement(element, depth);
            case IDictionary dictionary:
                var dict = new JinjaDict(dictionary.Count);
                foreach (DictionaryEntry entry in dictionary)
                {
                    dict.Set(Convert(entry.Key, depth + 1), Child(entry.Key, entry.Value, depth, static (v, d) => Convert(v, d)));
                }

                return dict;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                var fromPairs = new JinjaDict();
                foreach (var (key, item) in pairs)
                {
                    fromPairs.Set(key, Child(key, item, depth, static (v, d) => Convert(v, d)));
                }

                return fromPairs;
            case IEnumerable sequence:
                var items = new List<object?>();
                foreach (object? item in sequence)
                {
                    items.Add(Child(items.Count, item, depth, static (v, d) => Convert(v, d)));
                }

                return new JinjaList(items);
            default:
                string typeName = value.GetType().Name;
                throw new BadValueException(path => $"The context value '{path}' has the type {typeName}, which a template cannot use; pass strings, numbers, booleans, null, lists, dictionaries or JSON.");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static object? FromNode(JsonNode? node, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new BadValueException(path => $"The context value '{path}' nests deeper than {MaxDepth} levels.");
        }

        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                var dict = new JinjaDict(obj.Count);
                foreach (var (key, item) in obj)
                {
                    dict.Set(key, Child(key, item, depth, static (v, d) => FromNode(v, d)));
                }

                return dict;
            case JsonArray array:
                var items = new List<object?>(array.Count);
                for (int i = 0; i < array.Count; i++)
                {
                    items.Add(Child(i, array[i], depth, static (v, d) => FromNode(v, d)));
                }

                return new JinjaList(items);
            default:
                var value = node.AsValue();
                if (value.TryGetValue(out JsonElement element))
                {
                    return FromElement(element, depth);
                }

                if (value.TryGetValue(out string? text))
                {
                    return text;
                }

                return value.GetValueKind() switch
                {
                    JsonValueKind.String => value.GetValue<object>().ToString(),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.Null => null,
                    _ => Convert(value.GetValue<object>(), depth),
                };
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static object? FromElement(JsonElement element, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new BadValueException(path => $"The context value '{path}' nests deeper than {MaxDepth} levels.");
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var dict = new JinjaDict();
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    dict.Set(property.Name, Child(property.Name, property.Value, depth, static (v, d) => FromElement(v, d)));
                }

                return dict;
            case JsonValueKind.Array:
                var items = new List<object?>(element.GetArrayLength());
                foreach (JsonElement item in element.EnumerateArray())
                {
                    items.Add(Child(items.Count, item, depth, static (v, d) => FromElement(v, d)));
                }

                return new JinjaList(items);
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                return element.TryGetInt64(out long l) ? l : (object)element.GetDouble();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }

    /// <summary>Converts an item one level down; if it fails, adds its key (<c>.name</c>) or index (<c>[3]</c>) to the path.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static object? Child<T>(object? key, T item, int depth, Func<T, int, object?> convert)
    {
        try
        {
            return convert(item, depth + 1);
        }
        catch (BadValueException bad)
        {
            bad.Path.Add(key is int index ? $"[{index}]" : $".{key}");
            throw;
        }
    }

    /// <summary>A value that cannot be converted; the path is collected innermost first while it propagates.</summary>
    private sealed class BadValueException(Func<string, string> describe) : Exception
    {
        public List<string> Path { get; } = [];

        public string Describe(string path) => describe(path);
    }
}
