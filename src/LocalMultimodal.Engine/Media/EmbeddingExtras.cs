using LocalMultimodal.Errors;

namespace LocalMultimodal.Media;

/// <summary>
/// Reads what an <see cref="EmbeddingInput"/> carries beside its tensor: the image grid, typed or as vLLM's
/// <c>image_grid_thw</c> extra. Any other extra is refused by name, since the engine would otherwise drop it silently.
/// </summary>
internal static class EmbeddingExtras
{
    public const string ImageGridThw = "image_grid_thw";

    /// <summary>The item's patch grid, or null; a malformed or unknown extra is an <c>invalid_embeddings</c> error.</summary>
    public static PatchGrid? Grid(EmbeddingInput input)
    {
        foreach (string name in input.Extras.Keys)
        {
            if (name != ImageGridThw)
            {
                string shown = name.Length <= 64 ? name : name[..64] + "…";
                throw Invalid($"The embeddings carry an extra tensor '{shown}' this engine does not use; it reads only {ImageGridThw}.", "embeddings");
            }
        }

        var fromExtras = input.Extras.TryGetValue(ImageGridThw, out var tensor) ? FromTensor(tensor) : null;
        if (input.Grid is not null && fromExtras is not null && !input.Grid.Equals(fromExtras))
        {
            throw Invalid($"The embeddings carry two different grids: {input.Grid} and {ImageGridThw} {fromExtras}.");
        }

        var grid = input.Grid ?? fromExtras;
        if (grid is null)
        {
            return null;
        }

        if (input.Modality != MediaModality.Image)
        {
            throw Invalid($"{ImageGridThw} is for image embeddings; {input.Modality.ToString().ToLowerInvariant()} embeddings take none.");
        }

        if (grid.Temporal < 1 || grid.Height < 1 || grid.Width < 1)
        {
            throw Invalid($"{ImageGridThw} must be three positive whole numbers (t, h, w); got {grid}.");
        }

        return grid;
    }

    /// <summary>vLLM sends the grid as a tensor of shape (3) or, for one item of a batch, (1, 3).</summary>
    private static PatchGrid FromTensor(EmbeddingTensor tensor)
    {
        var shape = tensor.Shape;
        if (!(shape is [3] or [1, 3]))
        {
            throw Invalid($"{ImageGridThw} must have shape (3) or (1, 3), three numbers (t, h, w); got ({string.Join(", ", shape)}).");
        }

        var values = tensor.Values.Span;
        var whole = new int[3];
        for (int i = 0; i < 3; i++)
        {
            float value = values[i];
            // float32 holds whole numbers exactly up to 2^24, far beyond any real grid.
            if (!(value >= 1 && value <= 1 << 24) || value != MathF.Floor(value))
            {
                throw Invalid($"{ImageGridThw} must be three positive whole numbers (t, h, w); got ({values[0]}, {values[1]}, {values[2]}).");
            }

            whole[i] = (int)value;
        }

        return new PatchGrid(whole[0], whole[1], whole[2]);
    }

    private static InvalidRequestException Invalid(string message, string param = ImageGridThw) =>
        new(message, MediaErrorCodes.InvalidEmbeddings) { Param = param };
}
