using System.Text.Json;

namespace LocalMultimodal.AI.Mapping;

/// <summary>Reads an <c>AdditionalProperties</c> value that must be a whole number of at least 1.</summary>
internal static class PositiveWholeNumber
{
    /// <summary>The value as an int, or null when it is not a whole number from 1 to <see cref="int.MaxValue"/>.</summary>
    public static int? From(object value) => value switch
    {
        int n and >= 1 => n,
        long n and >= 1 and <= int.MaxValue => (int)n,

        // Bound from JSON (e.g. a deserialised history or request), the value is a JsonElement.
        JsonElement { ValueKind: JsonValueKind.Number } json when json.TryGetInt32(out int n) && n >= 1 => n,
        _ => null,
    };
}
