using LocalMultimodal.Gguf;

namespace LocalMultimodal.Models;

/// <summary>
/// A dense F32 tensor of shape <c>ne = [columns, rows]</c> (ggml order: a row is contiguous), for writing
/// hand-built weights. For a linear layer a row is one output and a column one input.
/// </summary>
internal sealed class F32Matrix(int columns, int rows)
{
    private readonly float[] _values = new float[checked(columns * rows)];

    public float this[int row, int column]
    {
        get => _values[Index(row, column)];
        set => _values[Index(row, column)] = value;
    }

    public GgufTensor ToTensor(string name) => new(name, [columns, rows], GgmlType.F32, _values);

    private int Index(int row, int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, rows);
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, columns);
        return row * columns + column;
    }
}
