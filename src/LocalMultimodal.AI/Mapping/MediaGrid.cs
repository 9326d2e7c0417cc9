using System.Text.Json;
using LocalMultimodal.Errors;
using LocalMultimodal.Media;
using Microsoft.Extensions.AI;

namespace LocalMultimodal.AI.Mapping;

/// <summary>
/// Reads <see cref="LocalMultimodalPropertyNames.ImageGridThw"/> from a <see cref="MediaInputContent"/> and gives it to
/// the image embeddings it wraps. Set on any other media it is refused rather than dropped.
/// </summary>
internal static class MediaGrid
{
    public static MediaInput Apply(MediaInputContent content)
    {
        if (content.AdditionalProperties?.TryGetValue(LocalMultimodalPropertyNames.ImageGridThw, out object? value) != true || value is null)
        {
            return content.Media;
        }

        if (content.Media is not EmbeddingInput { Modality: MediaModality.Image } embeddings)
        {
            throw Invalid($"AdditionalProperties[\"{LocalMultimodalPropertyNames.ImageGridThw}\"] is for a {nameof(MediaInputContent)} of image embeddings; this one holds {content.Media.GetType().Name} ({content.Media.Modality}).");
        }

        int[] thw = Numbers(value) ?? throw Invalid(
            $"AdditionalProperties[\"{LocalMultimodalPropertyNames.ImageGridThw}\"] must be a {nameof(PatchGrid)} or three whole numbers (t, h, w), was '{value}'.");
        var grid = new PatchGrid(thw[0], thw[1], thw[2]);
        return embeddings.Grid is null || embeddings.Grid.Equals(grid)
            ? embeddings.WithGrid(grid.Temporal, grid.Height, grid.Width)
            : throw Invalid($"The embeddings carry the grid {embeddings.Grid}, and AdditionalProperties[\"{LocalMultimodalPropertyNames.ImageGridThw}\"] another, {grid}.");
    }

    /// <summary>Three ints from a grid, a list of numbers, or a JSON array; null for anything else. The engine judges the values.</summary>
    private static int[]? Numbers(object value)
    {
        int[]? numbers = value switch
        {
            PatchGrid grid => [grid.Temporal, grid.Height, grid.Width],
            IEnumerable<int> ints => [.. ints.Take(4)],
            IEnumerable<long> longs when longs.Take(4).All(n => n is >= int.MinValue and <= int.MaxValue) => [.. longs.Take(4).Select(n => (int)n)],
            JsonElement { ValueKind: JsonValueKind.Array } json when json.GetArrayLength() == 3 && json.EnumerateArray().All(n => n.ValueKind == JsonValueKind.Number && n.TryGetInt32(out _)) =>
                [.. json.EnumerateArray().Select(n => n.GetInt32())],
            _ => null,
        };
        return numbers is { Length: 3 } ? numbers : null;
    }

    private static InvalidRequestException Invalid(string message) =>
        new(message, "invalid_embeddings") { Param = LocalMultimodalPropertyNames.ImageGridThw };
}
