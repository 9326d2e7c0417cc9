using System.Text;
using System.Text.Json.Nodes;

namespace LocalMultimodal.Fuzz.Requests;

/// <summary>
/// Mutates a valid chat request into a bad one, reproducibly from a seed: a value anywhere in it replaced by the
/// wrong type, null, a huge or negative number, deep nesting, odd Unicode or a very long string; base64 cut
/// short; media parts of every kind mixed in; keys removed; or the body's bytes cut or flipped.
/// </summary>
internal static class RequestMutator
{
    private static readonly string[] OddStrings =
    [
        "", "\u0000", "\ud800", "\udfff\ud800", "\u202e\u0041\u0301", "😀👩‍👩‍👧", "\uffff\ufffe", new string('a', 70_000), "data:", "data:image/png;base64,",
        "data:image/png;base64,iVBORw0KGgo", "file:///etc/passwd", "http://127.0.0.1:1/x.png", "https://media.invalid/%00", "uuid\n", "-1", "1e309", "null",
    ];

    private const string DeepMarker = "@@DEEP";

    private static readonly string[] PartTypes = ["text", "image_url", "input_audio", "audio_url", "video_url", "image_embeds", "audio_embeds", "image_pil", "tool", "", "IMAGE_URL"];

    public static string Mutate(IReadOnlyList<JsonObject> corpus, int seed)
    {
        var random = new Random(seed);
        JsonNode request = corpus[random.Next(corpus.Count)].DeepClone();
        int edits = random.Next(1, 4);
        for (int i = 0; i < edits; i++)
        {
            request = Edit(request, random);
        }

        string body = ExpandNesting(request.ToJsonString());
        return random.Next(20) switch
        {
            0 => body[..random.Next(body.Length)],
            1 => FlipChar(body, random),
            _ => body,
        };
    }

    private static JsonNode Edit(JsonNode root, Random random)
    {
        List<JsonNode> nodes = [.. All(root)];
        JsonNode target = nodes[random.Next(nodes.Count)];
        if (random.Next(6) == 0 && Parts(root) is { } parts)
        {
            parts.Add(RandomPart(random));
            return root;
        }

        JsonNode? replacement = random.Next(12) switch
        {
            0 => null,
            1 => JsonValue.Create(random.Next(2) == 0 ? long.MaxValue : long.MinValue),
            2 => JsonValue.Create(random.Next(2) == 0 ? -1 : 1e308),
            3 => JsonValue.Create(OddStrings[random.Next(OddStrings.Length)]),
            4 => JsonValue.Create(random.Next(2) == 0),
            5 => new JsonArray(),
            6 => new JsonObject(),
            7 => Nest(random.Next(2) == 0 ? 64 : 5000),
            8 => Truncate(target, random),
            9 => new JsonArray(target.DeepClone(), target.DeepClone()),
            10 => JsonValue.Create(0.5),
            _ => JsonValue.Create(-0.0),
        };

        if (target == root)
        {
            return replacement ?? JsonValue.Create("null")!;
        }

        if (random.Next(8) == 0 && target.Parent is JsonObject owner)
        {
            owner.Remove(target.GetPropertyName());
            return root;
        }

        target.ReplaceWith(replacement);
        return root;
    }

    private static IEnumerable<JsonNode> All(JsonNode node)
    {
        yield return node;
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (JsonNode? child in children)
        {
            if (child is not null)
            {
                foreach (JsonNode inner in All(child))
                {
                    yield return inner;
                }
            }
        }
    }

    private static JsonArray? Parts(JsonNode root) =>
        root is JsonObject { } o && o["messages"] is JsonArray messages && messages.Count > 0 && messages[^1] is JsonObject last && last["content"] is JsonArray parts ? parts : null;

    private static JsonObject RandomPart(Random random)
    {
        string type = PartTypes[random.Next(PartTypes.Length)];
        var part = new JsonObject { ["type"] = type };
        JsonNode? media = random.Next(4) switch
        {
            0 => null,
            1 => new JsonObject { ["url"] = OddStrings[random.Next(OddStrings.Length)] },
            2 => new JsonObject { ["data"] = "UklGRiQAAABXQVZF", ["format"] = "wav" },
            _ => JsonValue.Create("k09OVUVQWQ=="),
        };
        part[type.Length == 0 ? "x" : type] = media;
        if (random.Next(2) == 0)
        {
            part["uuid"] = random.Next(3) == 0 ? OddStrings[random.Next(OddStrings.Length)] : "img-1";
        }

        return part;
    }

    /// <summary>A marker replaced by <paramref name="depth"/> nested arrays in the text (JsonNode refuses to write them).</summary>
    private static JsonNode Nest(int depth) => JsonValue.Create($"{DeepMarker}{depth}@@")!;

    private static string ExpandNesting(string body)
    {
        int at;
        while ((at = body.IndexOf("\"" + DeepMarker, StringComparison.Ordinal)) >= 0)
        {
            int end = body.IndexOf("@@\"", at + DeepMarker.Length + 1, StringComparison.Ordinal);
            int depth = int.Parse(body[(at + DeepMarker.Length + 1)..end], System.Globalization.CultureInfo.InvariantCulture);
            body = string.Concat(body.AsSpan(0, at), new string('[', depth), new string(']', depth), body.AsSpan(end + 3));
        }

        return body;
    }

    private static JsonNode? Truncate(JsonNode target, Random random)
    {
        // Strings (base64, data URLs) cut anywhere, so padding and length checks are hit.
        string text = target is JsonValue v && v.TryGetValue(out string? s) ? s : target.ToJsonString();
        return JsonValue.Create(text.Length == 0 ? "=" : text[..random.Next(text.Length)]);
    }

    private static string FlipChar(string body, Random random)
    {
        var builder = new StringBuilder(body);
        if (builder.Length > 0)
        {
            const string syntax = "{}[]\",:\\0";
            builder[random.Next(builder.Length)] = syntax[random.Next(syntax.Length)];
        }

        return builder.ToString();
    }
}
