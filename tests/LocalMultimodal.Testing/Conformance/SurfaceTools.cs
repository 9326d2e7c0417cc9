using System.Text.Json.Nodes;

namespace LocalMultimodal.Testing.Conformance;

/// <summary>
/// The tools the tool conformance suite offers, in OpenAI's function form. <c>find_paint</c> takes a colour from the
/// demo model's 12 palette words (an enum); <c>name_colour</c> takes any string.
/// </summary>
public static class SurfaceTools
{
    public const string FindPaint = "find_paint";
    public const string NameColour = "name_colour";

    public static readonly IReadOnlyList<string> Palette = ["black", "white", "gray", "red", "green", "blue", "yellow", "cyan", "magenta", "orange", "purple", "pink"];

    public static JsonObject FindPaintTool() => Tool(FindPaint, "Finds the paint in the catalogue that matches a colour.", new JsonObject
    {
        ["type"] = "string",
        ["description"] = "The colour of the paint.",
        ["enum"] = new JsonArray([.. Palette.Select(c => (JsonNode)c)]),
    });

    public static JsonObject NameColourTool() => Tool(NameColour, "Records the name of the colour seen.", new JsonObject
    {
        ["type"] = "string",
        ["description"] = "The colour's name.",
    });

    /// <summary>The catalogue entry a tool answers for <paramref name="colour"/>, as the tool result's content.</summary>
    public static string PaintFor(string colour) => new JsonObject { ["paint"] = $"Signal {colour}", ["code"] = $"RAL-{colour.Length:D2}" }.ToJsonString();

    /// <summary>A tool in OpenAI's function form whose parameters are an object of <paramref name="properties"/>.</summary>
    public static JsonObject Function(string name, string description, JsonObject properties, params string[] required) => new()
    {
        ["type"] = "function",
        ["function"] = new JsonObject
        {
            ["name"] = name,
            ["description"] = description,
            ["parameters"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = properties,
                ["required"] = new JsonArray([.. required.Select(r => (JsonNode)r)]),
            },
        },
    };

    private static JsonObject Tool(string name, string description, JsonObject colour) =>
        Function(name, description, new JsonObject { ["colour"] = colour }, "colour");
}
