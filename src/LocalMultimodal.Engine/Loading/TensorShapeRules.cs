using LocalMultimodal.Errors;
using LocalMultimodal.Gguf;

namespace LocalMultimodal.Loading;

/// <summary>
/// Shape checks over a GGUF header. llama.cpp builds its compute graphs from the tensor shapes as stored and
/// checks them only with <c>GGML_ASSERT</c> (an abort) or not at all (a null or out-of-range read), so a shape
/// that disagrees with the metadata kills the process. Every refusal names the tensor or key at fault.
/// </summary>
internal sealed class TensorShapeRules(GgufFile file)
{
    /// <summary>
    /// Largest dimension taken. ggml stores dimensions as int64, but kernels index rows with 32-bit ints,
    /// and no real model comes near this.
    /// </summary>
    public const long MaxDimension = int.MaxValue;

    public GgufFile File { get; } = file;

    public ModelLoadException Refuse(string reason) => new(File.Path, reason);

    /// <summary>
    /// Every tensor: each dimension 1 to <see cref="MaxDimension"/>, and a type the CPU kernels take in its role.
    /// Vectors (biases, norms, embeddings rows: at most one dimension above 1) are added or multiplied
    /// element-wise, which ggml supports for F32 only; convolution kernels are F32 or F16; matrices are any
    /// float or quantized weight type, but not the integer, F64 or dot-product-only types, which ggml's matrix
    /// multiply aborts on.
    /// </summary>
    public void CheckAllTensors()
    {
        foreach (GgufTensorInfo tensor in File.Tensors)
        {
            foreach (long n in tensor.Shape)
            {
                if (n is < 1 or > MaxDimension)
                {
                    throw Refuse($"tensor '{tensor.Name}' has shape {tensor.DescribeShape()}; every dimension must be 1 to {MaxDimension}");
                }
            }

            if (tensor.Shape.Count(n => n > 1) <= 1)
            {
                if (tensor.Type != GgmlType.F32)
                {
                    throw Refuse($"tensor '{tensor.Name}' (shape {tensor.DescribeShape()}) is {tensor.Type}; a vector must be F32 (element-wise kernels abort on other types)");
                }
            }
            else if (IsConvolutionKernel(tensor.Name))
            {
                if (tensor.Type is not (GgmlType.F32 or GgmlType.F16))
                {
                    throw Refuse($"tensor '{tensor.Name}' is {tensor.Type}; a convolution kernel must be F32 or F16");
                }
            }
            else if (tensor.Type is GgmlType.I8 or GgmlType.I16 or GgmlType.I32 or GgmlType.I64 or GgmlType.F64 or GgmlType.Q8_1 or GgmlType.Q8_K)
            {
                throw Refuse($"tensor '{tensor.Name}' is {tensor.Type}, which is not a weight type (matrix multiplication aborts on it)");
            }
        }
    }

    /// <summary>Every key ending in <c>epsilon</c>: finite and not negative (ggml's norms assert it).</summary>
    public void CheckEpsilons()
    {
        foreach ((string key, GgufValue value) in File.Metadata)
        {
            if (!key.EndsWith("epsilon", StringComparison.Ordinal))
            {
                continue;
            }

            double? epsilon = value.Type switch
            {
                GgufValueType.Float32 => value.As<float>(),
                GgufValueType.Float64 => value.As<double>(),
                _ => null,
            };
            if (epsilon is { } e && (!double.IsFinite(e) || e < 0))
            {
                throw Refuse($"key '{key}' is {e.ToString(System.Globalization.CultureInfo.InvariantCulture)}; a norm epsilon must be finite and not negative");
            }
        }
    }

    private static bool IsConvolutionKernel(string name) =>
        name.Contains("patch_embd.weight", StringComparison.Ordinal) || name.Contains(".conv1d.", StringComparison.Ordinal);

    /// <summary>A u32 key that must be positive when present; returns it, or null when absent.</summary>
    public long? Positive(string key, long max = MaxDimension) => InRange(key, 1, max);

    /// <summary>A u32 key that must be present and at least <paramref name="min"/>.</summary>
    public long Required(string key, long max = MaxDimension, long min = 1) =>
        InRange(key, min, max) ?? throw Refuse($"key '{key}' is missing");

    private long? InRange(string key, long min, long max)
    {
        if (File.Metadata.GetValueOrDefault(key) is not { } value)
        {
            return null;
        }

        long? n = value.Type switch
        {
            GgufValueType.UInt32 => value.As<uint>(),
            GgufValueType.Int32 => value.As<int>(),
            GgufValueType.UInt64 => value.As<ulong>() > long.MaxValue ? long.MaxValue : (long)value.As<ulong>(),
            GgufValueType.Int64 => value.As<long>(),
            _ => null,
        };
        if (n is null)
        {
            return null; // wrong types are ProjectorKeyTypes' business, or a clean error in llama.cpp
        }

        return n < min || n > max
            ? throw Refuse($"key '{key}' is {n}; it must be {min} to {max}")
            : n;
    }

    /// <summary>
    /// Checks a tensor's shape, where a null expected dimension matches anything; the stored shape may have
    /// trailing 1s beyond the expected rank. Returns the tensor, or null when it is absent and optional.
    /// </summary>
    public GgufTensorInfo? Tensor(string name, bool required, params long?[] expected)
    {
        GgufTensorInfo? tensor = File.FindTensor(name);
        if (tensor is null)
        {
            return required ? throw Refuse($"tensor '{name}' is missing") : null;
        }

        bool matches = tensor.Shape.Length <= Math.Max(expected.Length, 1) || tensor.Shape.Skip(expected.Length).All(n => n == 1);
        for (int d = 0; matches && d < expected.Length; d++)
        {
            long actual = d < tensor.Shape.Length ? tensor.Shape[d] : 1;
            matches = expected[d] is null || expected[d] == actual;
        }

        if (!matches)
        {
            string want = $"[{string.Join(", ", expected.Select(n => n?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "*"))}]";
            throw Refuse($"tensor '{name}' has shape {tensor.DescribeShape()}, but the metadata requires {want}");
        }

        return tensor;
    }

    /// <summary>A weight <c>[inputs, *]</c> and its optional bias <c>[outputs]</c>; returns the output width.</summary>
    public long Linear(string prefix, long inputs, bool required, bool biasRequired = false)
    {
        GgufTensorInfo? weight = Tensor($"{prefix}.weight", required, inputs, null);
        if (weight is null)
        {
            return 0;
        }

        long outputs = Dim(weight, 1);
        Tensor($"{prefix}.bias", biasRequired, outputs);
        return outputs;
    }

    public static long Dim(GgufTensorInfo tensor, int d) => d < tensor.Shape.Length ? tensor.Shape[d] : 1;
}
