using LocalMultimodal.Gguf;

namespace LocalMultimodal.Models;

/// <summary>Small F32 tensors for hand-built models.</summary>
internal static class F32Tensors
{
    /// <summary>A 1-D tensor whose values are all <paramref name="value"/>, e.g. a norm weight.</summary>
    public static GgufTensor Constant(string name, int size, float value)
    {
        var values = new float[size];
        Array.Fill(values, value);
        return new GgufTensor(name, [size], GgmlType.F32, values);
    }

    /// <summary>A 1-D tensor of the given values, e.g. a bias.</summary>
    public static GgufTensor Vector(string name, float[] values) => new(name, [values.Length], GgmlType.F32, values);
}
