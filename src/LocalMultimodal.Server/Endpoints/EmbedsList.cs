using System.Text.Json;
using LocalMultimodal.Media;
using LocalMultimodal.Server.Errors;

namespace LocalMultimodal.Server.Endpoints;

/// <summary>
/// A named embeddings value sent as a JSON list rather than a serialized tensor (vLLM accepts both, e.g.
/// <c>"image_grid_thw": [1, 8, 8]</c> or <c>[[1, 8, 8]]</c>): a flat list, or one level of equal-length lists.
/// Only small lists are taken; the engine judges the values.
/// </summary>
internal static class EmbedsList
{
    private const int MaxValues = 64;
    private const string ShapeRule = "must be a list of numbers or a list of equal-length lists of numbers";

    public static EmbeddingTensor Read(JsonElement list, string param)
    {
        var values = new List<float>();
        int rows = list.GetArrayLength();
        int? columns = null;
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Array)
            {
                // Every item a list of the first list's length; a number among lists does not fit either form.
                columns ??= values.Count == 0 ? item.GetArrayLength() : -1;
                if (columns != item.GetArrayLength())
                {
                    throw Invalid(param, ShapeRule);
                }

                foreach (var number in item.EnumerateArray())
                {
                    values.Add(Number(number, param));
                }
            }
            else
            {
                values.Add(columns is null ? Number(item, param) : throw Invalid(param, ShapeRule));
            }

            if (values.Count > MaxValues)
            {
                throw Invalid(param, $"holds more than {MaxValues} numbers");
            }
        }

        return new EmbeddingTensor(columns is { } width ? [rows, width] : [rows], values.ToArray());
    }

    private static float Number(JsonElement element, string param) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out double value) && float.IsFinite((float)value)
            ? (float)value
            : throw Invalid(param, "must hold numbers only");

    private static ApiException Invalid(string param, string what) =>
        ApiException.BadRequest($"{param} {what}.", param, "invalid_embeddings");
}
