using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LocalMultimodal.Jinja.Runtime;

/// <summary>Turns the caller's .NET values and JSON into the template's Python-like values (a fresh copy per render).</summary>
internal static class ValueConverter
{
    private const int MaxDepth = 200;

    public static object? FromNet(object? value, string path, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException($"The context value '{path}' nests deeper than {MaxDepth} levels.", nameof(value));
        }

        switch (value)
        {
            case null:
                return null;
            case string or bool or long or double:
                return value;
            case int or short or byte or sbyte or uint or ushort:
                return Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
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
                return FromNode(node, path, depth);
            case JsonElement element:
                return FromElement(element, path, depth);
            case IDictionary dictionary:
                var dict = new JinjaDict(dictionary.Count);
                foreach (DictionaryEntry entry in dictionary)
                {
                    dict.Set(FromNet(entry.Key, path, depth + 1), FromNet(entry.Value, $"{path}.{entry.Key}", depth + 1));
                }

                return dict;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                var fromPairs = new JinjaDict();
                foreach (var (key, item) in pairs)
                {
                    fromPairs.Set(key, FromNet(item, $"{path}.{key}", depth + 1));
                }

                return fromPairs;
            case IEnumerable sequence:
                var items = new List<object?>();
                int index = 0;
                foreach (object? item in sequence)
                {
                    items.Add(FromNet(item, $"{path}[{index++}]", depth + 1));
                }

                return new JinjaList(items);
            default:
                throw new ArgumentException($"The context value '{path}' has the type {value.GetType().Name}, which a template cannot use; pass strings, numbers, booleans, null, lists, dictionaries or JSON.", nameof(value));
        }
    }

    private static object? FromNode(JsonNode? node, string path, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException($"The context value '{path}' nests deeper than {MaxDepth} levels.", nameof(node));
        }

        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                var dict = new JinjaDict(obj.Count);
                foreach (var (key, item) in obj)
                {
                    dict.Set(key, FromNode(item, $"{path}.{key}", depth + 1));
                }

                return dict;
            case JsonArray array:
                var items = new List<object?>(array.Count);
                for (int i = 0; i < array.Count; i++)
                {
                    items.Add(FromNode(array[i], $"{path}[{i}]", depth + 1));
                }

                return new JinjaList(items);
            default:
                var value = node.AsValue();
                if (value.TryGetValue(out JsonElement element))
                {
                    return FromElement(element, path, depth);
                }

                return value.GetValueKind() switch
                {
                    JsonValueKind.String => value.GetValue<object>().ToString(),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.Null => null,
                    _ => FromNet(value.GetValue<object>(), path, depth),
                };
        }
    }

    private static object? FromElement(JsonElement element, string path, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException($"The context value '{path}' nests deeper than {MaxDepth} levels.", nameof(element));
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var dict = new JinjaDict();
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    dict.Set(property.Name, FromElement(property.Value, $"{path}.{property.Name}", depth + 1));
                }

                return dict;
            case JsonValueKind.Array:
                var items = new List<object?>(element.GetArrayLength());
                int index = 0;
                foreach (JsonElement item in element.EnumerateArray())
                {
                    items.Add(FromElement(item, $"{path}[{index++}]", depth + 1));
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
}
