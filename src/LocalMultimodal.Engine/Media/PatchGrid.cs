namespace LocalMultimodal.Media;

/// <summary>
/// The patch grid of an image's precomputed embeddings, as the Qwen2-VL processor reports it (<c>image_grid_thw</c>):
/// temporal patches, then rows and columns of patches before the spatial merge. The projector merges
/// <c>merge × merge</c> patches into one token, so the embeddings hold t·h·w / merge² rows, laid out on an
/// (h / merge) × (w / merge) grid of M-RoPE positions. The values are checked when the item is prepared.
/// </summary>
public sealed class PatchGrid : IEquatable<PatchGrid>
{
    /// <summary>A grid of <paramref name="temporal"/> × <paramref name="height"/> × <paramref name="width"/> patches.</summary>
    public PatchGrid(int temporal, int height, int width)
    {
        Temporal = temporal;
        Height = height;
        Width = width;
    }

    /// <summary>Temporal patches (1 for an image).</summary>
    public int Temporal { get; }

    /// <summary>Rows of patches, before the spatial merge.</summary>
    public int Height { get; }

    /// <summary>Columns of patches, before the spatial merge.</summary>
    public int Width { get; }

    /// <inheritdoc />
    public bool Equals(PatchGrid? other) => other is not null && (other.Temporal, other.Height, other.Width) == (Temporal, Height, Width);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PatchGrid);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Temporal, Height, Width);

    /// <summary>The grid as vLLM prints <c>image_grid_thw</c>: <c>(t, h, w)</c>.</summary>
    public override string ToString() => $"({Temporal}, {Height}, {Width})";
}
