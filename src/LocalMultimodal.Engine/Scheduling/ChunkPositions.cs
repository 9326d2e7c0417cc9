namespace LocalMultimodal.Scheduling;

/// <summary>
/// How a media chunk's rows are positioned. Without a grid, row i sits at start + i and the chunk takes one
/// position per row. With one (an image under M-RoPE), row i = y·<see cref="GridWidth"/> + x sits at
/// (t, y, x) = (start, start + y, start + x), and the chunk takes <see cref="Count"/> = max(width, height)
/// positions (libmtmd's <c>n_pos</c>) although it fills width·height KV cells.
/// </summary>
/// <param name="Count">Positions the chunk moves the next position by.</param>
/// <param name="GridWidth">Merged-token columns; 0 when the rows are laid out in a line.</param>
/// <param name="GridHeight">Merged-token rows; 0 when the rows are laid out in a line.</param>
internal readonly record struct ChunkPositions(int Count, int GridWidth, int GridHeight)
{
    public bool IsGrid => GridWidth > 0;

    /// <summary>One position per row.</summary>
    public static ChunkPositions Linear(int tokens) => new(tokens, 0, 0);

    /// <summary>An M-RoPE image grid: max(width, height) positions.</summary>
    public static ChunkPositions Grid(int width, int height) => new(Math.Max(width, height), width, height);
}
