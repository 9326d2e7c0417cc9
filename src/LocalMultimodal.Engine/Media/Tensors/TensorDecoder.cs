using LocalMultimodal.Errors;

namespace LocalMultimodal.Media.Tensors;

/// <summary>
/// Decodes precomputed embeddings sent as bytes: a PyTorch <c>torch.save</c> file of one tensor (what
/// vLLM's <c>tensor2base64</c> produces, base64-decoded), a NumPy <c>.npy</c> file, or a safetensors
/// file. The format is sniffed from the content. Nothing in the input is executed: the pickle inside a
/// torch.save file is read by a restricted reader that accepts only a single dense tensor. Every size
/// is checked against <see cref="TensorLimits"/> before a buffer is allocated, and values that are not
/// finite are refused. Any failure is an <see cref="InvalidRequestException"/> with code
/// <c>invalid_embeddings</c>.
/// </summary>
public static class TensorDecoder
{
    private static ReadOnlySpan<byte> ZipMagic => "PK\u0003\u0004"u8;

    /// <summary>Decodes one tensor; a safetensors file must hold exactly one.</summary>
    public static EmbeddingTensor Decode(ReadOnlySpan<byte> bytes, TensorLimits? limits = null)
    {
        limits ??= TensorLimits.Default;
        return Sniff(bytes, limits) switch
        {
            TensorFormat.Torch => TorchZipReader.Read(bytes, limits),
            TensorFormat.Npy => NpyReader.Read(bytes, limits),
            _ => SafetensorsReader.Read(bytes, limits, expectOne: true).Values.Single(),
        };
    }

    /// <summary>Decodes every tensor of a safetensors file, by name, in the header's order.</summary>
    public static IReadOnlyDictionary<string, EmbeddingTensor> DecodeAll(ReadOnlySpan<byte> bytes, TensorLimits? limits = null)
    {
        limits ??= TensorLimits.Default;
        return Sniff(bytes, limits) == TensorFormat.Safetensors
            ? SafetensorsReader.Read(bytes, limits)
            : throw TensorErrors.Invalid("Only a safetensors file holds named tensors; a torch.save or .npy file holds one tensor.");
    }

    /// <summary>
    /// Decodes an object of named tensors (vLLM's form for model extras), each value one serialized
    /// tensor. The element limit applies to all of them together; an error names the failing key.
    /// </summary>
    public static IReadOnlyDictionary<string, EmbeddingTensor> DecodeNamed(IReadOnlyDictionary<string, byte[]> items, TensorLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        limits ??= TensorLimits.Default;
        if (items.Count > limits.MaxTensors)
        {
            throw TensorErrors.Invalid($"{items.Count} named tensors were sent; at most {limits.MaxTensors} are accepted.");
        }

        var tensors = new Dictionary<string, EmbeddingTensor>(StringComparer.Ordinal);
        long remaining = limits.MaxElements;
        foreach ((string name, byte[] bytes) in items)
        {
            var budget = new TensorLimits { MaxBytes = limits.MaxBytes, MaxElements = remaining, MaxRank = limits.MaxRank, MaxTensors = limits.MaxTensors };
            try
            {
                EmbeddingTensor tensor = remaining > 0 ? Decode(bytes, budget) : throw TensorErrors.Invalid($"The named tensors together hold more than {limits.MaxElements} elements.");
                remaining -= tensor.Values.Length;
                tensors[name] = tensor;
            }
            catch (InvalidRequestException ex)
            {
                string shown = name.Length <= 64 ? name : name[..64] + "…";
                throw new InvalidRequestException($"Tensor '{shown}': {ex.Message}", ex.Code, ex) { Param = name };
            }
        }

        return tensors;
    }

    private static TensorFormat Sniff(ReadOnlySpan<byte> bytes, TensorLimits limits)
    {
        limits.Validate();
        if (bytes.IsEmpty)
        {
            throw TensorErrors.Invalid("The embeddings are empty.");
        }

        if (bytes.Length > limits.MaxBytes)
        {
            throw TensorErrors.Invalid($"The embeddings take {bytes.Length} bytes; at most {limits.MaxBytes} are accepted.");
        }

        if (bytes.StartsWith(ZipMagic))
        {
            return TensorFormat.Torch;
        }

        if (bytes.StartsWith(NpyReader.Magic))
        {
            return TensorFormat.Npy;
        }

        if (SafetensorsReader.LooksLike(bytes))
        {
            return TensorFormat.Safetensors;
        }

        // A bare pickle: the legacy (pre-1.6) torch.save format or pickle.dumps, both of which
        // need a general unpickler.
        throw bytes[0] == 0x80
            ? TensorErrors.Invalid("The embeddings are a bare pickle (the legacy torch.save format); save with torch.save's default zip format, or send .npy or safetensors.")
            : TensorErrors.Invalid("The embeddings are not in a known format: send a torch.save file, a .npy file or a safetensors file.");
    }
}
