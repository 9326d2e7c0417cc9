using LocalMultimodal.Gguf;

namespace LocalMultimodal.Models;

/// <summary>
/// The generated tiny <c>llama</c> LLM: n_embd 64, 2 layers, 4 heads of 16, n_ff 128, SentencePiece vocabulary
/// and a ChatML template. <c>CreateMetadata</c> is separate so that hand-built models can reuse the
/// hyperparameters and tokenizer with their own tensors.
/// </summary>
internal static class TinyLlm
{
    public const int EmbeddingLength = 64;
    public const int BlockCount = 2;
    public const int HeadCount = 4;
    public const int HeadCountKv = 4;
    public const int HeadDim = EmbeddingLength / HeadCount;
    public const int FeedForwardLength = 128;
    public const int ContextLength = 2048;

    /// <summary>The random fixture's hyperparameters.</summary>
    public static readonly LlmShape Shape = new(BlockCount, HeadCount, FeedForwardLength, ContextLength, RmsEpsilon: 1e-5f);

    /// <summary>ChatML; llama.cpp recognises it by <c>&lt;|im_start|&gt;</c>.</summary>
    public const string ChatTemplate =
        "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}"
        + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    /// <summary>All keys of the LLM: hyperparameters, tokenizer and chat template; no tensors.</summary>
    public static GgufDocument CreateMetadata(TinyVocabulary vocabulary, string name, GgmlType matrixType = GgmlType.F32) =>
        CreateMetadata(vocabulary, name, Shape, matrixType);

    /// <inheritdoc cref="CreateMetadata(TinyVocabulary, string, GgmlType)"/>
    public static GgufDocument CreateMetadata(TinyVocabulary vocabulary, string name, LlmShape shape, GgmlType matrixType = GgmlType.F32)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(vocabulary);
        var document = new GgufDocument()
            .Set("general.architecture", GgufValue.String("llama"))
            .Set("general.name", GgufValue.String(name))
            .Set("general.file_type", GgufValue.UInt32(matrixType == GgmlType.F16 ? 1u : 0u))
            .Set("general.alignment", GgufValue.UInt32(GgufConstants.DefaultAlignment))
            .Set("llama.context_length", GgufValue.UInt32((uint)shape.ContextLength))
            .Set("llama.embedding_length", GgufValue.UInt32(EmbeddingLength))
            .Set("llama.block_count", GgufValue.UInt32((uint)shape.BlockCount))
            .Set("llama.feed_forward_length", GgufValue.UInt32((uint)shape.FeedForwardLength))
            .Set("llama.attention.head_count", GgufValue.UInt32((uint)shape.HeadCount))
            .Set("llama.attention.head_count_kv", GgufValue.UInt32((uint)shape.HeadCount))
            .Set("llama.attention.layer_norm_rms_epsilon", GgufValue.Float32(shape.RmsEpsilon))
            .Set("llama.rope.dimension_count", GgufValue.UInt32((uint)shape.HeadDim))
            .Set("llama.rope.freq_base", GgufValue.Float32(10000f))
            .Set("llama.vocab_size", GgufValue.UInt32((uint)vocabulary.Count));
        vocabulary.WriteTo(document);
        return document.Set("tokenizer.chat_template", GgufValue.String(ChatTemplate));
    }

    /// <summary>The complete LLM with Gaussian weights of standard deviation <paramref name="weightStd"/>.</summary>
    public static GgufDocument Build(TinyVocabulary vocabulary, int seed, float weightStd, GgmlType matrixType = GgmlType.F32)
    {
        var tensors = new SeededTensors(CreateMetadata(vocabulary, "tiny-llama", matrixType), seed, weightStd, matrixType);
        tensors.Matrix("token_embd.weight", EmbeddingLength, vocabulary.Count);
        for (int i = 0; i < BlockCount; i++)
        {
            string block = $"blk.{i}";
            tensors.Ones($"{block}.attn_norm.weight", EmbeddingLength);
            tensors.Matrix($"{block}.attn_q.weight", EmbeddingLength, EmbeddingLength);
            tensors.Matrix($"{block}.attn_k.weight", EmbeddingLength, HeadDim * HeadCountKv);
            tensors.Matrix($"{block}.attn_v.weight", EmbeddingLength, HeadDim * HeadCountKv);
            tensors.Matrix($"{block}.attn_output.weight", EmbeddingLength, EmbeddingLength);
            tensors.Ones($"{block}.ffn_norm.weight", EmbeddingLength);
            tensors.Matrix($"{block}.ffn_gate.weight", EmbeddingLength, FeedForwardLength);
            tensors.Matrix($"{block}.ffn_up.weight", EmbeddingLength, FeedForwardLength);
            tensors.Matrix($"{block}.ffn_down.weight", FeedForwardLength, EmbeddingLength);
        }

        tensors.Ones("output_norm.weight", EmbeddingLength);
        tensors.Matrix("output.weight", EmbeddingLength, vocabulary.Count);
        return tensors.Document;
    }
}
