using System.Text.Json.Nodes;

namespace LocalMultimodal.Tests.Grammar;

/// <summary>
/// Random JSON schemas over everything the converter supports, for property tests. Branches of a oneOf have
/// different types, because the grammar reads oneOf as anyOf.
/// </summary>
internal static class RandomSchemas
{
    private static readonly string[] Words = ["red", "blue", "green", "yellow", "on", "off", "x y", "é\"q"];

    public static JsonObject Next(Random random, int depth = 0)
    {
        int pick = random.Next(depth >= 3 ? 8 : 12);
        return pick switch
        {
            0 => new JsonObject { ["type"] = "string", ["maxLength"] = random.Next(0, 6), ["minLength"] = 0 },
            1 => new JsonObject { ["type"] = "string", ["format"] = Pick(random, "date", "date-time", "time", "uuid") },
            2 => new JsonObject { ["type"] = Pick(random, "integer", "number", "boolean", "null") },
            3 => new JsonObject { ["enum"] = new JsonArray([.. Words.OrderBy(_ => random.Next()).Take(random.Next(1, 5)).Select(w => (JsonNode)w)]) },
            4 => new JsonObject { ["const"] = random.Next(2) == 0 ? (JsonNode)Pick(random, Words) : random.Next(-5, 5) },
            5 => new JsonObject { ["type"] = new JsonArray("string", "null"), ["maxLength"] = 3 },
            6 => new JsonObject { ["type"] = new JsonArray("integer", "null") },
            7 => new JsonObject { ["type"] = "string", ["minLength"] = random.Next(1, 3), ["maxLength"] = 4 },
            8 or 9 => ObjectSchema(random, depth),
            10 => ArraySchema(random, depth),
            _ => new JsonObject
            {
                ["anyOf"] = new JsonArray(
                    new JsonObject { ["type"] = "integer" },
                    ObjectSchema(random, depth),
                    new JsonObject { ["type"] = "string", ["maxLength"] = 2 }),
            },
        };
    }

    /// <summary>A schema with a definition used through <c>$ref</c>, possibly recursive.</summary>
    public static JsonObject WithDefinitions(Random random)
    {
        var node = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["value"] = Next(random, 2),
                ["next"] = new JsonObject { ["anyOf"] = new JsonArray(new JsonObject { ["$ref"] = "#/$defs/node" }, new JsonObject { ["type"] = "null" }) },
            },
            ["required"] = new JsonArray("value", "next"),
            ["additionalProperties"] = false,
        };
        return new JsonObject
        {
            ["$defs"] = new JsonObject { ["node"] = node },
            ["type"] = "object",
            ["properties"] = new JsonObject { ["head"] = new JsonObject { ["$ref"] = "#/$defs/node" } },
            ["required"] = new JsonArray("head"),
        };
    }

    private static JsonObject ObjectSchema(Random random, int depth)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        int count = random.Next(0, 4);
        for (int i = 0; i < count; i++)
        {
            string name = Pick(random, "colour", "name", "size", "tags", "a b", "kind") + i;
            properties[name] = Next(random, depth + 1);
            if (random.Next(2) == 0)
            {
                required.Add(name);
            }
        }

        var schema = new JsonObject { ["type"] = "object", ["properties"] = properties, ["required"] = required };
        if (random.Next(2) == 0)
        {
            schema["additionalProperties"] = false;
        }

        return schema;
    }

    private static JsonObject ArraySchema(Random random, int depth)
    {
        int min = random.Next(0, 3);
        return new JsonObject { ["type"] = "array", ["items"] = Next(random, depth + 1), ["minItems"] = min, ["maxItems"] = min + random.Next(0, 3) };
    }

    private static string Pick(Random random, params string[] choices) => choices[random.Next(choices.Length)];
}
