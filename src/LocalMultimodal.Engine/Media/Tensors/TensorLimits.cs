namespace LocalMultimodal.Media.Tensors;

/// <summary>
/// What <see cref="TensorDecoder"/> accepts. Every limit is checked against the declared header
/// values before a buffer is sized from them, so a crafted header cannot make the decoder allocate.
/// </summary>
public sealed class TensorLimits
{
    /// <summary>The defaults: 512 MiB of input, 64M elements, rank 4, 64 tensors.</summary>
    public static TensorLimits Default { get; } = new();

    /// <summary>The largest serialized input, in bytes, and the largest decompressed storage.</summary>
    public long MaxBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>The most elements one tensor (and the storage it views) may hold.</summary>
    public long MaxElements { get; init; } = 64L * 1024 * 1024;

    /// <summary>The highest rank: embeddings are (tokens, hidden) or (chunks, tokens, hidden).</summary>
    public int MaxRank { get; init; } = 4;

    /// <summary>The most tensors one safetensors file, or one set of named tensors, may hold.</summary>
    public int MaxTensors { get; init; } = 64;

    /// <summary>Throws when a limit is not positive.</summary>
    public void Validate()
    {
        if (MaxBytes <= 0 || MaxElements <= 0 || MaxRank <= 0 || MaxTensors <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(TensorLimits), "Tensor limits must be positive.");
        }
    }
}
