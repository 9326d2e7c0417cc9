using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LocalMultimodal.Prompts;

namespace LocalMultimodal.Tools;

/// <summary>JSON helpers shared by the format parsers: reading call objects, and reading several JSON values in a row.</summary>
internal static class ToolCallJson
{
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /// <summary>OpenAI-style call id: <c>call_</c> and 24 random letters and digits.</summary>
    public static string NewCallId() => "call_" + RandomNumberGenerator.GetString(IdAlphabet, 24);

    /// <summary>Mistral's call ids are exactly 9 letters and digits; its templates refuse others.</summary>
    public static string NewMistralCallId() => RandomNumberGenerator.GetString(IdAlphabet, 9);

    /// <summary>Parses one JSON value; null when the text is not exactly one JSON value.</summary>
    public static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads JSON values one after another, skipping whitespace and the separators in <paramref name="separators"/>;
    /// null when anything else is in the way or a value is malformed.
    /// </summary>
    public static List<JsonNode>? TryParseSequence(string text, string separators)
    {
        var values = new List<JsonNode>();
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        int offset = 0;
        while (true)
        {
            while (offset < bytes.Length && (char.IsWhiteSpace((char)bytes[offset]) || separators.Contains((char)bytes[offset], StringComparison.Ordinal)))
            {
                offset++;
            }

            if (offset == bytes.Length)
            {
                return values;
            }

            try
            {
                var reader = new Utf8JsonReader(bytes.AsSpan(offset), new JsonReaderOptions { MaxDepth = 64 });
                if (JsonNode.Parse(ref reader) is not { } node)
                {
                    return null;
                }

                values.Add(node);
                offset += (int)reader.BytesConsumed;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>Reads every item as a call (<see cref="TryReadCall"/>); null when any of them is not one.</summary>
    public static List<ToolCallSegment>? TryReadCalls(IEnumerable<JsonNode?> items, string argumentsKey, Func<string> newId)
    {
        var segments = new List<ToolCallSegment>();
        foreach (JsonNode? item in items)
        {
            if (TryReadCall(item, argumentsKey, newId) is not { } call)
            {
                return null;
            }

            segments.Add(ToolCallSegment.FromCall(call));
        }

        return segments;
    }

    /// <summary>
    /// Reads <c>{"name": ..., "&lt;argumentsKey&gt;": {...}}</c>. Arguments given as a JSON string holding an object (as
    /// some models write them) are parsed; missing arguments are an empty object. Null when the shape is wrong.
    /// </summary>
    public static ChatToolCall? TryReadCall(JsonNode? node, string argumentsKey, Func<string> newId)
    {
        if (node is not JsonObject call || call["name"] is not JsonValue nameValue || nameValue.GetValueKind() != JsonValueKind.String)
        {
            return null;
        }

        string name = nameValue.GetValue<string>();
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        JsonObject? arguments = call[argumentsKey] switch
        {
            null => new JsonObject(),
            JsonObject obj => (JsonObject)obj.DeepClone(),
            JsonValue text when text.GetValueKind() == JsonValueKind.String => TryParse(text.GetValue<string>()) as JsonObject,
            _ => null,
        };
        if (arguments is null)
        {
            return null;
        }

        string id = call["id"] is JsonValue idValue && idValue.GetValueKind() == JsonValueKind.String && idValue.GetValue<string>().Length > 0
            ? idValue.GetValue<string>()
            : newId();
        return new ChatToolCall(id, name, arguments);
    }
}
